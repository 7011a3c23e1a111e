package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas at once (the platform's on 8080, one more on 8090): a customer on one and
 * agents on both chat both ways; Case events reach every agent on either replica. Every frame the
 * sockets send and receive is checked against its schema in schema/frames.
 */
class TwoReplicasIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static final int B = 8090;
    static Process replicaB;

    @BeforeAll
    static void startReplica() {
        replicaB = Platform.startGateway(B);
    }

    @AfterAll
    static void stopReplica() {
        Platform.kill(replicaB);
    }

    static boolean caseFrame(JsonNode f, String caseId, String status) {
        return caseId.equals(f.path("case").path("caseId").asText())
                && status.equals(f.path("case").path("status").asText());
    }

    @Test
    void customerOnOneReplicaAndAgentOnTheOtherChatBothWays() {
        try (Ws alice = Ws.agent(Platform.GATEWAY, Tokens.of("alice"));
                Ws bob = Ws.agent(B, Tokens.of("bob"))) {
            alice.await("tiles", f -> true);
            bob.await("tiles", f -> true);

            Platform.Chat chat = Platform.startChat("Nora", "Nilsen");
            // A NEW Case reaches every connected agent on both replicas.
            alice.await("case", f -> caseFrame(f, chat.caseId(), "NEW"));
            bob.await("case", f -> caseFrame(f, chat.caseId(), "NEW"));

            try (Ws customer = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
                customer.await(
                        "case", f -> chat.caseId().equals(f.path("case").path("caseId").asText()));
                customer.await("history", f -> true);

                send(bob, "type", "claim", "caseId", chat.caseId(), "requestId", "r1");
                bob.await("claimed", f -> "r1".equals(f.path("requestId").asText()));
                // The claim reaches the other agent too, so the tile leaves their row.
                alice.await("case", f -> caseFrame(f, chat.caseId(), "READY"));
                JsonNode named =
                        customer.await(
                                "message",
                                f ->
                                        "You are now chatting with Bob Baker"
                                                .equals(f.path("message").path("text").asText()));
                assertEquals("SYSTEM", named.path("message").path("kind").asText());

                send(
                        customer,
                        "type",
                        "send",
                        "clientMsgId",
                        "c1",
                        "text",
                        "Hello from the widget");
                customer.await("accepted", f -> "c1".equals(f.path("clientMsgId").asText()));
                bob.await(
                        "message",
                        f ->
                                "Hello from the widget"
                                        .equals(f.path("message").path("text").asText()));

                send(
                        bob,
                        "type",
                        "send",
                        "caseId",
                        chat.caseId(),
                        "clientMsgId",
                        "b1",
                        "text",
                        "Hi Nora, Bob here");
                bob.await("accepted", f -> "b1".equals(f.path("clientMsgId").asText()));
                customer.await(
                        "message",
                        f -> "Hi Nora, Bob here".equals(f.path("message").path("text").asText()));

                // Once claimed, the conversation stays with the owner. Watermark: alice is on the
                // customer's replica, which delivered both messages to its sockets before the
                // customer got the second; an answer to a frame alice sends now is written to her
                // socket after anything those events could have put there.
                send(alice, "type", "claim", "caseId", chat.caseId(), "requestId", "w1");
                assertEquals(
                        "ALREADY_CLAIMED",
                        alice.await("error", f -> "w1".equals(f.path("ref").asText()))
                                .path("code")
                                .asText());
                assertTrue(
                        alice.messages(chat.caseId()).stream()
                                .noneMatch(m -> m.path("seq").asLong() > 1),
                        "alice received messages of bob's Case: " + alice.messages(chat.caseId()));
                // The greeting (cases.greeting), the claim message, the customer's, Bob's.
                assertEquals(
                        java.util.List.of(1L, 2L, 3L, 4L),
                        customer.messages(chat.caseId()).stream()
                                .map(m -> m.path("seq").asLong())
                                .toList());
                FrameSchemas.assertValid(customer);
            }
            FrameSchemas.assertValid(alice);
            FrameSchemas.assertValid(bob);
        }
    }

    /** Sends a frame after checking it against its schema. */
    static void send(Ws ws, Object... fields) {
        var node = Ws.JSON.createObjectNode();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            node.set((String) fields[i], Ws.JSON.valueToTree(fields[i + 1]));
        }
        FrameSchemas.assertValid(java.util.List.of(node));
        ws.send(node.toString());
    }

    @Test
    void aNewCaseIsOnTheTilesOfAgentsOnBothReplicasAndAfterAClaimOnlyTheOwners() {
        Platform.Chat chat = Platform.startChat("Otto", "Olsen");
        String tile = "tiles.case.caseId";
        assertTrue(tiles(Platform.GATEWAY, "alice").contains(chat.caseId()), tile);
        assertTrue(tiles(B, "carol").contains(chat.caseId()), tile);
        Platform.post(
                Platform.GATEWAY,
                "/api/cases/" + chat.caseId() + "/claim",
                "{}",
                Tokens.of("carol"));
        assertTrue(tiles(B, "carol").contains(chat.caseId()));
        assertTrue(!tiles(Platform.GATEWAY, "alice").contains(chat.caseId()));
        assertTrue(!tiles(B, "bob").contains(chat.caseId()));
    }

    /** Tiles over REST through a replica, as the console's first frame would carry them. */
    static String tiles(int port, String user) {
        try (Ws agent = Ws.agent(port, Tokens.of(user))) {
            String tiles = agent.await("tiles", f -> true).toString();
            FrameSchemas.assertValid(agent);
            return tiles;
        }
    }

    /** schema/frames, generated from the gateway's frame records (docs/protocol.md). */
    static final class FrameSchemas {
        static final java.nio.file.Path DIR = java.nio.file.Path.of("..", "schema", "frames");
        static final com.networknt.schema.JsonSchemaFactory FACTORY =
                com.networknt.schema.JsonSchemaFactory.getInstance(
                        com.networknt.schema.SpecVersion.VersionFlag.V202012);
        static final com.networknt.schema.SchemaValidatorsConfig CONFIG =
                com.networknt.schema.SchemaValidatorsConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build();
        static final java.util.Map<String, com.networknt.schema.JsonSchema> BY_TYPE =
                new java.util.concurrent.ConcurrentHashMap<>();

        static void assertValid(Ws ws) {
            assertValid(ws.frames);
        }

        static void assertValid(java.util.List<? extends JsonNode> frames) {
            java.util.List<String> problems = new java.util.ArrayList<>();
            for (JsonNode f : frames) {
                String type = f.path("type").asText();
                java.nio.file.Path file = DIR.resolve(type + ".json");
                if (!java.nio.file.Files.isRegularFile(file)) {
                    problems.add("no schema for " + f);
                    continue;
                }
                BY_TYPE.computeIfAbsent(type, t -> load(file))
                        .validate(f)
                        .forEach(m -> problems.add(type + ": " + m.getMessage()));
            }
            assertTrue(problems.isEmpty(), "frames violating schema/frames: " + problems);
        }

        static com.networknt.schema.JsonSchema load(java.nio.file.Path file) {
            try {
                return FACTORY.getSchema(Ws.JSON.readTree(file.toFile()), CONFIG);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
