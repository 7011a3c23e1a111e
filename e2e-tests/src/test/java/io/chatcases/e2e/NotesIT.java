package io.chatcases.e2e;

import static io.chatcases.e2e.TwoReplicasIT.FrameSchemas;
import static io.chatcases.e2e.TwoReplicasIT.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Private notes across two gateway replicas (platform's on 8080 = A, one more on 8090 = B): a note
 * written on A reaches the agents who see the Case on both replicas, and never the customer, who is
 * connected to B: not live, not in the history of a new socket, not in a resume, not over REST.
 * "Never" is checked after a later ordinary message reached the customer, so delivery has caught up
 * past the note.
 */
class NotesIT {
    static final int B = 8090;
    static final String SECRET = "Private: refund approved, customer is a VIP";
    static Process replicaB;

    @BeforeAll
    static void startReplica() {
        replicaB = Platform.startGateway(B);
    }

    @AfterAll
    static void stopReplica() {
        Platform.kill(replicaB);
        // The tile-counting browser suites run later: leave no Case waiting or owned.
        Platform.clearWaitingCases();
    }

    static boolean note(JsonNode f, String clientMsgId) {
        return "NOTE".equals(f.path("message").path("kind").asText())
                && clientMsgId.equals(f.path("message").path("clientMsgId").asText());
    }

    static void assertNoNote(List<JsonNode> messages, String who) {
        assertTrue(
                messages.stream()
                        .noneMatch(
                                m ->
                                        "NOTE".equals(m.path("kind").asText())
                                                || m.toString().contains(SECRET)),
                who + " received a private note: " + messages);
    }

    @Test
    void aNoteWrittenOnOneReplicaReachesTheAgentsAndNeverTheCustomerOnTheOther() {
        Platform.Chat chat = Platform.startChat("Nina", "Notes");
        try (Ws aliceA = Ws.agent(Platform.GATEWAY, Tokens.of("alice"));
                Ws aliceB = Ws.agent(B, Tokens.of("alice"));
                Ws bobB = Ws.agent(B, Tokens.of("bob"));
                Ws customer = Ws.customer(B, chat.customerToken())) {
            aliceA.await("tiles", f -> true);
            aliceB.await("tiles", f -> true);
            bobB.await("tiles", f -> true);
            customer.await("history", f -> true);

            // On a NEW Case a note reaches every agent, on both replicas.
            send(
                    aliceA,
                    "type",
                    "note",
                    "caseId",
                    chat.caseId(),
                    "clientMsgId",
                    "n0",
                    "text",
                    SECRET);
            aliceA.await("accepted", f -> "n0".equals(f.path("clientMsgId").asText()));
            aliceA.await("message", f -> note(f, "n0"));
            aliceB.await("message", f -> note(f, "n0"));
            bobB.await("message", f -> note(f, "n0"));

            send(aliceA, "type", "claim", "caseId", chat.caseId(), "requestId", "r1");
            aliceA.await("claimed", f -> "r1".equals(f.path("requestId").asText()));

            // Once owned, the owner's sockets on both replicas get the note, Bob's do not.
            send(
                    aliceA,
                    "type",
                    "note",
                    "caseId",
                    chat.caseId(),
                    "clientMsgId",
                    "n1",
                    "text",
                    SECRET);
            aliceA.await("accepted", f -> "n1".equals(f.path("clientMsgId").asText()));
            long noteSeq =
                    aliceB.await("message", f -> note(f, "n1"))
                            .path("message")
                            .path("seq")
                            .asLong();
            aliceA.await("message", f -> note(f, "n1"));

            // An ordinary message after the notes: once the customer has it, delivery on B has
            // caught up past them; wait a little longer for anything late.
            send(
                    aliceA,
                    "type",
                    "send",
                    "caseId",
                    chat.caseId(),
                    "clientMsgId",
                    "m1",
                    "text",
                    "Hi Nina!");
            customer.await(
                    "message", f -> "Hi Nina!".equals(f.path("message").path("text").asText()));
            Ws.sleep(1500);
            List<JsonNode> live = customer.messages(chat.caseId());
            assertNoNote(live, "the customer's socket");
            assertTrue(
                    live.stream().noneMatch(m -> m.path("seq").asLong() == noteSeq),
                    "the note's seq reached the customer");
            // Bob (not the owner) never gets the owned Case's note; the watermark: an answer to a
            // frame he sends now comes after anything those events could have put on his socket.
            send(bobB, "type", "claim", "caseId", chat.caseId(), "requestId", "w1");
            bobB.await("error", f -> "w1".equals(f.path("ref").asText()));
            assertTrue(bobB.all("message").stream().noneMatch(f -> note(f, "n1")));

            // A new customer socket's history (what a reconnect or a reload shows first): every
            // message but the notes, whose seqs it skips.
            try (Ws again = Ws.customer(B, chat.customerToken())) {
                JsonNode history = again.await("history", f -> true);
                List<JsonNode> shown = iterable(history.path("messages"));
                assertNoNote(shown, "a reconnected customer's history");
                assertTrue(
                        shown.stream().anyMatch(m -> "Hi Nina!".equals(m.path("text").asText())),
                        shown.toString());
                FrameSchemas.assertValid(again);
            }

            // The customer's REST reload (what the widget and the SDK read after a resync).
            HttpResponse<String> page =
                    Platform.get(
                            B,
                            "/api/chats/" + chat.caseId() + "/messages?after=0",
                            chat.customerToken());
            assertEquals(200, page.statusCode(), page.body());
            assertNoNote(List.copyOf(iterable(Platform.json(page.body()))), "the REST reload");

            // The agents' own history has both notes in the conversation's order.
            HttpResponse<String> agents =
                    Platform.get(
                            Platform.GATEWAY,
                            "/api/cases/" + chat.caseId() + "/messages?after=0",
                            Tokens.of("alice"));
            List<String> kinds =
                    iterable(Platform.json(agents.body())).stream()
                            .map(m -> m.path("kind").asText())
                            .toList();
            assertEquals(2, kinds.stream().filter("NOTE"::equals).count(), kinds.toString());

            FrameSchemas.assertValid(customer);
            FrameSchemas.assertValid(aliceA);
            FrameSchemas.assertValid(aliceB);
            FrameSchemas.assertValid(bobB);
        }
    }

    @Test
    void aCustomerSocketCannotWriteANoteAndAnAgentMayNotNoteOnAnotherAgentsCase() {
        Platform.Chat chat = Platform.startChat("Nils", "Notes");
        Platform.post(
                Platform.GATEWAY,
                "/api/cases/" + chat.caseId() + "/claim",
                "{}",
                Tokens.of("carol"));
        try (Ws customer = Ws.customer(B, chat.customerToken());
                Ws bob = Ws.agent(B, Tokens.of("bob"))) {
            customer.await("history", f -> true);
            bob.await("tiles", f -> true);
            customer.send(
                    "type", "note", "caseId", chat.caseId(), "clientMsgId", "x1", "text", "hi");
            assertEquals(
                    "BAD_FRAME",
                    customer.await("error", f -> "x1".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
            send(bob, "type", "note", "caseId", chat.caseId(), "clientMsgId", "x2", "text", "hi");
            assertEquals(
                    "FORBIDDEN",
                    bob.await("error", f -> "x2".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
            assertTrue(customer.isOpen() && bob.isOpen(), "a refusal leaves the sockets open");
        }
    }

    static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
