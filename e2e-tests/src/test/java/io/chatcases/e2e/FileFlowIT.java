package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A customer uploads a file through the public origin and sends it; the owner receives the FILE
 * message, the Files tab lists it, and the download has the identical bytes.
 */
class FileFlowIT {

    /** A real 1x1 PNG followed by some padding, so the bytes are worth comparing. */
    static byte[] png() {
        byte[] head =
                java.util.Base64.getDecoder()
                        .decode(
                                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        byte[] out = new byte[head.length + 4096];
        System.arraycopy(head, 0, out, 0, head.length);
        byte[] padding = new byte[4096];
        new java.util.Random(7).nextBytes(padding);
        System.arraycopy(padding, 0, out, head.length, padding.length);
        return out;
    }

    static HttpResponse<String> upload(String caseId, String bearer, String name, byte[] bytes) {
        return upload(Platform.GATEWAY, caseId, bearer, name, bytes);
    }

    /** Uploads through the gateway on {@code port}, as the widget does. */
    static HttpResponse<String> upload(
            int port, String caseId, String bearer, String name, byte[] bytes) {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String part1 =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"caseId\"\r\n\r\n"
                        + caseId
                        + "\r\n";
        String part2 =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + name
                        + "\"\r\nContent-Type: image/png\r\n\r\n";
        body.writeBytes(part1.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(part2.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Platform.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/files"))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build());
    }

    @Test
    void aCustomersFileReachesTheOwnerTheFilesTabAndDownloadsIdentically() throws Exception {
        Platform.Chat chat = Platform.startChat("Fay", "Files");
        Platform.Chat other = Platform.startChat("Oz", "Other");
        String alice = Tokens.of("alice");
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/claim", "{}", alice);
        try (Ws agent = Ws.agent(Platform.GATEWAY, alice);
                Ws customer = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
            agent.await("tiles", f -> true);
            customer.await("history", f -> true);
            byte[] bytes = png();

            // The token of another Case's customer cannot put a file into this Case.
            assertEquals(
                    403, upload(chat.caseId(), other.customerToken(), "x.png", bytes).statusCode());

            HttpResponse<String> uploaded =
                    upload(chat.caseId(), chat.customerToken(), "receipt.png", bytes);
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            JsonNode file = Platform.json(uploaded.body());
            assertEquals("image/png", file.path("contentType").asText());
            String fileId = file.path("fileId").asText();

            customer.send("type", "send", "clientMsgId", "f1", "fileId", fileId);
            customer.await("accepted", f -> "f1".equals(f.path("clientMsgId").asText()));
            JsonNode message =
                    agent.await(
                                    "message",
                                    f -> "FILE".equals(f.path("message").path("kind").asText()))
                            .path("message");
            assertEquals(fileId, message.path("file").path("fileId").asText());
            assertEquals("receipt.png", message.path("file").path("name").asText());

            JsonNode tab =
                    Platform.json(
                            Platform.get(
                                            Platform.GATEWAY,
                                            "/api/cases/" + chat.caseId() + "/files",
                                            alice)
                                    .body());
            assertTrue(tab.toString().contains(fileId), tab.toString());

            HttpResponse<byte[]> download =
                    Platform.HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://localhost:"
                                                            + Platform.GATEWAY
                                                            + "/api/files/"
                                                            + fileId))
                                    .header("Authorization", "Bearer " + alice)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(bytes, download.body());
            assertTrue(
                    download.headers()
                            .firstValue("Content-Disposition")
                            .orElse("")
                            .startsWith("attachment"));
            assertEquals(
                    "nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(""));
        } finally {
            Platform.post(
                    Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/resolve", "{}", alice);
            Platform.clearWaitingCases();
        }
    }
}
