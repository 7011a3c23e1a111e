package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The customer downloads the transcript of their chat through the public origin (only their own);
 * on close, case-service keeps the transcript as exactly one file in the Case's Files tab
 * (file-service), with the same text.
 */
class TranscriptIT {
    private static final String TRANSCRIPT_TYPE = "text/plain; charset=utf-8";

    @Test
    void theCustomerDownloadsTheirTranscriptAndTheCloseKeepsOneCopyInTheFilesTab()
            throws Exception {
        Platform.Chat chat = Platform.startChat("Tia", "Transcript");
        Platform.Chat other = Platform.startChat("Oz", "Other");
        String alice = Tokens.of("alice");
        String admin = Tokens.of("admin");
        String path = "/api/chats/" + chat.caseId() + "/transcript";
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/claim", "{}", alice);
        try (Ws agent = Ws.agent(Platform.GATEWAY, alice);
                Ws customer = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
            agent.await("tiles", f -> true);
            customer.await("history", f -> true);
            customer.send("type", "send", "clientMsgId", "t1", "text", "Where is my parcel?");
            customer.await("accepted", f -> "t1".equals(f.path("clientMsgId").asText()));
            HttpResponse<String> up =
                    FileFlowIT.upload(
                            chat.caseId(), chat.customerToken(), "receipt.png", FileFlowIT.png());
            assertEquals(201, up.statusCode(), up.body());
            customer.send(
                    "type",
                    "send",
                    "clientMsgId",
                    "t2",
                    "fileId",
                    Platform.json(up.body()).path("fileId").asText());
            customer.await("accepted", f -> "t2".equals(f.path("clientMsgId").asText()));
            agent.send(
                    "type",
                    "send",
                    "caseId",
                    chat.caseId(),
                    "clientMsgId",
                    "a1",
                    "text",
                    "It ships today.\n[forged] Chat Cases:\u202e");
            customer.await(
                    "message", f -> "a1".equals(f.path("message").path("clientMsgId").asText()));
        }

        // The customer's download while the chat is open.
        HttpResponse<String> open = Platform.get(Platform.GATEWAY, path, chat.customerToken());
        assertEquals(200, open.statusCode(), open.body());
        assertEquals(TRANSCRIPT_TYPE, open.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                "attachment; filename=\"chat-" + chat.number() + ".txt\"",
                open.headers().firstValue("Content-Disposition").orElse(""));
        String text = open.body();
        assertTrue(text.startsWith("Chat Cases transcript: Case " + chat.number() + "\n"), text);
        int asked = text.indexOf("] Tia Transcript:\n    Where is my parcel?\n");
        int file = text.indexOf("] Tia Transcript:\n    File: receipt.png\n");
        int claimed = text.indexOf("] Chat Cases:\n    You are now chatting with Alice Anderson\n");
        int answer =
                text.indexOf(
                        "] Alice Anderson:\n    It ships today.\n    [forged] Chat Cases:\uFFFD\n");
        assertTrue(claimed > 0 && asked > claimed && file > asked && answer > file, text);

        // Only their own Case: another customer's token is refused with a problem, no token too.
        HttpResponse<String> foreign = Platform.get(Platform.GATEWAY, path, other.customerToken());
        assertEquals(403, foreign.statusCode());
        assertEquals("FORBIDDEN", Platform.json(foreign.body()).path("code").asText());
        assertEquals(401, Platform.get(Platform.GATEWAY, path, null).statusCode());

        // Resolve and close (the admin's close-now; Housekeeping does the same after close-after).
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/resolve", "{}", alice);
        HttpResponse<String> closed =
                Platform.post(
                        Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/close", "{}", admin);
        assertEquals(200, closed.statusCode(), closed.body());
        assertEquals("CLOSED", Platform.json(closed.body()).path("status").asText());
        // A repeated close changes nothing (and keeps no second file).
        assertEquals(
                200,
                Platform.post(
                                Platform.GATEWAY,
                                "/api/cases/" + chat.caseId() + "/close",
                                "{}",
                                admin)
                        .statusCode());

        String name = "chat-" + chat.number() + ".txt";
        List<JsonNode> kept = awaitTranscriptFiles(chat.caseId(), name, admin);
        // Several more export runs (every 5 s) must not add a second one.
        Thread.sleep(12_000);
        kept = transcriptFiles(chat.caseId(), name, admin);
        assertEquals(1, kept.size(), kept.toString());
        assertEquals("text/plain", kept.get(0).path("contentType").asText());

        HttpResponse<String> stored =
                Platform.get(
                        Platform.GATEWAY,
                        "/api/files/" + kept.get(0).path("fileId").asText(),
                        admin);
        assertEquals(200, stored.statusCode());
        HttpResponse<String> afterClose =
                Platform.get(Platform.GATEWAY, path, chat.customerToken());
        assertEquals(200, afterClose.statusCode());
        assertTrue(afterClose.body().contains("\nClosed: "), afterClose.body());
        assertFalse(afterClose.body().contains("still open"), afterClose.body());
        assertEquals(
                afterClose.body(), stored.body(), "the kept file is the customer's transcript");
        Platform.clearWaitingCases();
    }

    private static List<JsonNode> awaitTranscriptFiles(String caseId, String name, String bearer)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<JsonNode> files = transcriptFiles(caseId, name, bearer);
            if (!files.isEmpty()) {
                return files;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + name + " in the Files tab of Case " + caseId);
    }

    private static List<JsonNode> transcriptFiles(String caseId, String name, String bearer) {
        HttpResponse<String> tab =
                Platform.get(Platform.GATEWAY, "/api/cases/" + caseId + "/files", bearer);
        assertEquals(200, tab.statusCode(), tab.body());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : Platform.json(tab.body())) {
            if (name.equals(f.path("name").asText())) {
                out.add(f);
            }
        }
        return out;
    }
}
