package io.chatcases.cases.calls;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateways' call reports over REST with real tokens: the texts logged for answered, declined
 * and missed calls, repeats logging nothing, and the refusals (Web Connect, unowned Case, unknown
 * call, bad input, an agent's token).
 */
@QuarkusTest
class CallLogRestTest {

    static String startCase(String channel) {
        return given().auth()
                .oauth2(Tokens.service())
                .contentType("application/json")
                .body(
                        Map.of(
                                "email",
                                "call-"
                                        + UUID.randomUUID().toString().substring(0, 8)
                                        + "@example.com",
                                "firstName",
                                "Cora",
                                "lastName",
                                "Caller",
                                "channel",
                                channel))
                .post("/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("caseId");
    }

    static String claimedSdkCase() {
        String caseId = startCase("SUPPORT_SDK");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/cases/{id}/claim", caseId)
                .then()
                .statusCode(200);
        return caseId;
    }

    static Response report(
            String caseId, String callId, String event, String media, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("event", event);
        body.put("media", media);
        body.put("reason", reason);
        return given().auth()
                .oauth2(Tokens.service())
                .contentType("application/json")
                .body(body)
                .post("/cases/{id}/calls/{callId}", caseId, callId)
                .andReturn();
    }

    /** The SYSTEM texts of the Case after the claim's message. */
    static List<String> callTexts(String caseId) {
        List<Map<String, Object>> messages =
                given().auth()
                        .oauth2(Tokens.service())
                        .get("/cases/{id}/messages?after=0&limit=1000", caseId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
        return messages.stream()
                .filter(m -> "SYSTEM".equals(m.get("kind")))
                .map(m -> (String) m.get("text"))
                .filter(t -> t.contains("call"))
                .toList();
    }

    @Test
    void anAnsweredCallIsLoggedStartedThenEndedWithItsDurationOnce() {
        String caseId = claimedSdkCase();
        assertEquals(200, report(caseId, "c-1", "OFFERED", "video", null).statusCode());
        Response started = report(caseId, "c-1", "STARTED", null, null);
        assertEquals(200, started.statusCode(), started.asString());
        assertEquals("video", started.path("media"));
        // Both replicas report, and a retry comes too: nothing more is logged.
        report(caseId, "c-1", "OFFERED", "audio", null);
        report(caseId, "c-1", "STARTED", null, null);
        Response ended = report(caseId, "c-1", "ENDED", null, "disconnected");
        assertEquals(200, ended.statusCode());
        assertEquals("disconnected", ended.path("endReason"));
        report(caseId, "c-1", "ENDED", null, "hangup");
        report(caseId, "c-1", "STARTED", null, null);

        List<String> texts = callTexts(caseId);
        assertEquals(2, texts.size(), texts.toString());
        assertEquals("Video call started", texts.get(0));
        assertTrue(texts.get(1).matches("Video call ended \\(0:0\\d\\)"), texts.get(1));
    }

    @Test
    void anUnansweredCallIsDeclinedOrMissed() {
        String caseId = claimedSdkCase();
        report(caseId, "c-declined", "OFFERED", "audio", null);
        report(caseId, "c-declined", "ENDED", null, "declined");
        report(caseId, "c-missed", "OFFERED", "video", null);
        report(caseId, "c-missed", "ENDED", null, null);
        // An answer after the end is too late to log.
        report(caseId, "c-missed", "STARTED", null, null);
        assertEquals(List.of("Audio call declined", "Missed video call"), callTexts(caseId));
    }

    @Test
    void aCallEndedAfterTheResolveIsStillLogged() {
        String caseId = claimedSdkCase();
        report(caseId, "c-r", "OFFERED", "video", null);
        report(caseId, "c-r", "STARTED", null, null);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/cases/{id}/resolve", caseId)
                .then()
                .statusCode(200);
        assertEquals(200, report(caseId, "c-r", "ENDED", null, "hangup").statusCode());
        List<String> texts = callTexts(caseId);
        assertEquals(2, texts.size(), texts.toString());
        assertTrue(texts.get(1).startsWith("Video call ended ("), texts.get(1));
    }

    @Test
    void aWebConnectOrUnownedCaseHasNoCalls() {
        String web = startCase("WEB_CONNECT");
        Response refused = report(web, "c-w", "OFFERED", "video", null);
        assertEquals(409, refused.statusCode());
        assertEquals("CONFLICT", refused.path("code"));
        assertEquals(404, report(web, "c-w", "ENDED", null, null).statusCode());
        String unowned = startCase("SUPPORT_SDK");
        assertEquals(409, report(unowned, "c-u", "OFFERED", "audio", null).statusCode());
        assertEquals(List.of(), callTexts(web));
        assertEquals(List.of(), callTexts(unowned));
    }

    @Test
    void unknownCallsBadInputAndAgentsAreRefused() {
        String caseId = claimedSdkCase();
        Response unknown = report(caseId, "never-offered", "STARTED", null, null);
        assertEquals(404, unknown.statusCode());
        assertEquals("NOT_FOUND", unknown.path("code"));
        assertEquals(
                404,
                report(UUID.randomUUID().toString(), "c", "OFFERED", "video", null).statusCode());

        Response event = report(caseId, "c-bad", "RINGING", "video", null);
        assertEquals(400, event.statusCode());
        assertEquals("event", event.path("violations[0].field"));
        assertEquals(400, report(caseId, "c-bad", "OFFERED", "fax", null).statusCode());
        assertEquals(400, report(caseId, "c-bad", "ENDED", null, "bored").statusCode());
        assertEquals(400, report(caseId, "-bad", "OFFERED", "video", null).statusCode());
        assertEquals(400, report(caseId, "c".repeat(49), "OFFERED", "video", null).statusCode());

        assertEquals(
                403,
                given().auth()
                        .oauth2(Tokens.of("alice"))
                        .contentType("application/json")
                        .body(Map.of("event", "OFFERED", "media", "video"))
                        .post("/cases/{id}/calls/{callId}", caseId, "c-agent")
                        .statusCode());
        assertEquals(List.of(), callTexts(caseId));
    }
}
