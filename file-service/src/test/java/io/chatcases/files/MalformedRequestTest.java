package io.chatcases.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.files.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hostile requests the e2e fuzzer (HostileInputIT) answered with 500: the caller's, so 4xx. */
@QuarkusTest
class MalformedRequestTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/files")
    URI files;

    @Test
    void aMultipartBodyThatIsCutShortIsABadRequest() throws Exception {
        for (String body :
                new String[] {
                    "garbage", "--x\r\nContent-Disposition: form-data; name=\"caseId\"\r\n\r\n"
                }) {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(files)
                                    .header("Authorization", "Bearer " + Api.serviceToken())
                                    .header("Content-Type", "multipart/form-data; boundary=x")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"BAD_REQUEST\""), r.body());
        }
    }

    @Test
    void aBearerOfDotsOnlyIsUnauthorisedNotAServerError() throws Exception {
        for (String token : new String[] {".", "..", "..."}) {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(files + "/" + UUID.randomUUID()))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), token + ": " + r.body());
        }
    }
}
