package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.KeycloakAgents;
import io.chatcases.testing.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fifty agents, spread over two gateway replicas (8080 and 8099), all claim every new Case of a
 * stream of Cases the moment its {@code case} frame arrives: each Case ends with exactly one owner,
 * one {@code claimed} answer, 49 {@code ALREADY_CLAIMED} naming that owner, one claim SYSTEM
 * message, the owner's name at the customer, and the Case gone from every other console.
 */
class ClaimStormIT {
    static final int REPLICA = 8099;
    static final int AGENTS = 50;
    static final int CASES_PER_ROUND = 20;
    static final String PREFIX = "storm-agent-";

    static Process replica;
    static final List<KeycloakAgents.Agent> agents = new ArrayList<>();

    @AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    @AfterAll
    static void cleanUp() {
        if (replica != null) {
            Platform.kill(replica);
        }
        KeycloakAgents.delete(PREFIX, AGENTS);
    }

    /** A claim one console sent: when, and the answer it got (claimed or an error). */
    record Claim(KeycloakAgents.Agent agent, String caseId, String requestId, long sentAt) {}

    @Test
    void fiftyAgentsClaimEveryNewCaseAndExactlyOneOwnsIt() {
        int rounds = Crowd.rounds(1);
        agents.addAll(KeycloakAgents.ensure(PREFIX, AGENTS, "Storm"));
        replica = Platform.startGateway(REPLICA);

        // caseId -> the claims sent for it; consoles claim from the event loop at once.
        Map<String, List<Claim>> claims = new ConcurrentHashMap<>();
        Map<String, Long> firstNewFrame = new ConcurrentHashMap<>();
        Map<Live, KeycloakAgents.Agent> consoles = new LinkedHashMap<>();
        List<Live> sockets = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < AGENTS; i++) {
                KeycloakAgents.Agent agent = agents.get(i);
                int port = i % 2 == 0 ? Platform.GATEWAY : REPLICA;
                Set<String> tried = ConcurrentHashMap.newKeySet();
                Live console =
                        Live.connect(
                                Ws.agentOptions(port, agent.token()),
                                (socket, f) -> {
                                    if (!"case".equals(f.path("type").asText())) {
                                        return;
                                    }
                                    JsonNode c = f.path("case");
                                    String caseId = c.path("caseId").asText();
                                    if (!"NEW".equals(c.path("status").asText())
                                            || !tried.add(caseId)) {
                                        return;
                                    }
                                    firstNewFrame.putIfAbsent(caseId, System.nanoTime());
                                    String requestId = agent.username() + ":" + caseId;
                                    claims.computeIfAbsent(
                                                    caseId, k -> new CopyOnWriteArrayList<>())
                                            .add(
                                                    new Claim(
                                                            agent,
                                                            caseId,
                                                            requestId,
                                                            System.nanoTime()));
                                    socket.send(
                                            "type",
                                            "claim",
                                            "caseId",
                                            caseId,
                                            "requestId",
                                            requestId);
                                });
                consoles.put(console, agent);
                sockets.add(console);
            }
            for (Live console : consoles.keySet()) {
                console.await("tiles", f -> true, Duration.ofSeconds(20));
            }

            List<Long> claimMillis = new ArrayList<>();
            List<Long> agreeMillis = new ArrayList<>();
            int checked = 0;
            for (int round = 0; round < rounds; round++) {
                List<Platform.Chat> chats = new ArrayList<>();
                Map<String, Live> customers = new LinkedHashMap<>();
                for (int i = 0; i < CASES_PER_ROUND; i++) {
                    Platform.Chat chat = Platform.startChat("Storm", "Customer" + round + "x" + i);
                    chats.add(chat);
                    customers.put(
                            chat.caseId(),
                            Live.connect(
                                    Ws.customerOptions(
                                            Platform.GATEWAY,
                                            chat.customerToken(),
                                            "http://localhost:8080"),
                                    null));
                    Ws.sleep(300);
                }
                for (Platform.Chat chat : chats) {
                    verify(
                            chat,
                            claims,
                            firstNewFrame,
                            consoles,
                            customers,
                            claimMillis,
                            agreeMillis);
                    checked++;
                }
                customers.values().forEach(Live::close);
            }

            System.out.printf(
                    "ClaimStormIT: %d agents (%d on 8080, %d on %d), %d Cases in %d round(s),"
                            + " %d claims: exactly one owner each%n",
                    AGENTS,
                    (AGENTS + 1) / 2,
                    AGENTS / 2,
                    REPLICA,
                    checked,
                    rounds,
                    claimMillis.size());
            System.out.printf(
                    "ClaimStormIT: claim answer p50 %d ms, p99 %d ms, max %d ms%n",
                    Crowd.percentile(claimMillis, 50),
                    Crowd.percentile(claimMillis, 99),
                    Crowd.percentile(claimMillis, 100));
            System.out.printf(
                    "ClaimStormIT: every console agreed on the owner after p50 %d ms, p99 %d ms,"
                            + " max %d ms (from the first claim sent)%n",
                    Crowd.percentile(agreeMillis, 50),
                    Crowd.percentile(agreeMillis, 99),
                    Crowd.percentile(agreeMillis, 100));
        } finally {
            sockets.forEach(Live::close);
            // Resolve whatever our consoles won (ours, or a stray NEW Case they raced for).
            for (Map.Entry<String, List<Claim>> e : claims.entrySet()) {
                JsonNode c =
                        Platform.json(
                                Platform.get(
                                                Platform.GATEWAY,
                                                "/api/cases/" + e.getKey(),
                                                Tokens.of("admin"))
                                        .body());
                if ("READY".equals(c.path("status").asText())) {
                    Platform.post(
                            Platform.GATEWAY,
                            "/api/cases/" + e.getKey() + "/resolve",
                            "{}",
                            Tokens.of("admin"));
                }
            }
        }
    }

    private static void verify(
            Platform.Chat chat,
            Map<String, List<Claim>> claims,
            Map<String, Long> firstNewFrame,
            Map<Live, KeycloakAgents.Agent> consoles,
            Map<String, Live> customers,
            List<Long> claimMillis,
            List<Long> agreeMillis) {
        String caseId = chat.caseId();
        Crowd.waitFor(
                "all " + AGENTS + " consoles claimed " + caseId,
                Duration.ofSeconds(30),
                () -> claims.getOrDefault(caseId, List.of()).size() == AGENTS);
        Map<String, Claim> byRequest = new LinkedHashMap<>();
        for (Claim c : claims.get(caseId)) {
            byRequest.put(c.requestId(), c);
        }
        // Every console gets its answer: one claimed, the rest ALREADY_CLAIMED.
        Crowd.waitFor(
                "every claim of " + caseId + " answered",
                Duration.ofSeconds(30),
                () -> answers(consoles.keySet(), byRequest.keySet()).size() == AGENTS);
        List<Live.Frame> answers = answers(consoles.keySet(), byRequest.keySet());
        List<Live.Frame> won = answers.stream().filter(f -> "claimed".equals(f.type())).toList();
        assertEquals(1, won.size(), "claimed answers for " + caseId + ": " + won);
        Claim winning = byRequest.get(won.get(0).json().path("requestId").asText());
        KeycloakAgents.Agent owner = winning.agent();
        for (Live.Frame f : answers) {
            Claim c = byRequest.get(refOf(f.json()));
            claimMillis.add(Crowd.ms(f.at() - c.sentAt()));
            if (f == won.get(0)) {
                continue;
            }
            assertEquals("error", f.type(), f.json().toString());
            assertEquals("ALREADY_CLAIMED", f.json().path("code").asText(), f.json().toString());
            assertTrue(
                    f.json().path("message").asText().contains(owner.fullName()),
                    "the refusal names the owner " + owner.fullName() + ": " + f.json());
        }
        assertEquals(owner.id(), won.get(0).json().path("case").path("owner").path("id").asText());

        // The stored owner, and one claim message in the stored transcript.
        JsonNode stored =
                Platform.json(
                        Platform.get(Platform.GATEWAY, "/api/cases/" + caseId, Tokens.of("admin"))
                                .body());
        assertEquals(owner.id(), stored.path("owner").path("id").asText(), stored.toString());
        assertEquals("READY", stored.path("status").asText());
        String claimText = "You are now chatting with " + owner.fullName();
        List<JsonNode> transcript = Crowd.stored(caseId, owner.token());
        List<String> claimMessages =
                transcript.stream()
                        .filter(m -> "SYSTEM".equals(m.path("kind").asText()))
                        .map(m -> m.path("text").asText())
                        .filter(t -> t.startsWith("You are now chatting"))
                        .toList();
        // The greeting (cases.greeting) comes first; then exactly one claim message, naming the
        // owner.
        assertEquals(List.of(claimText), claimMessages, "claim messages in " + transcript);

        // The customer learns the owner's first and last name.
        // (in its history or live, depending on how fast the claim beat the socket's open)
        Live customer = customers.get(caseId);
        Crowd.waitFor(
                "the customer of " + caseId + " is told " + claimText,
                Duration.ofSeconds(15),
                () ->
                        customer.messages(caseId).stream()
                                .anyMatch(m -> claimText.equals(m.path("text").asText())));

        // Every other console saw the Case leave: a case frame naming the owner.
        long agreed = 0;
        for (Map.Entry<Live, KeycloakAgents.Agent> e : consoles.entrySet()) {
            Live.Frame seen =
                    e.getKey()
                            .await(
                                    "case",
                                    f ->
                                            caseId.equals(f.path("case").path("caseId").asText())
                                                    && owner.id()
                                                            .equals(
                                                                    f.path("case")
                                                                            .path("owner")
                                                                            .path("id")
                                                                            .asText()),
                                    Duration.ofSeconds(15));
            agreed = Math.max(agreed, seen.at());
        }
        long firstClaim = claims.get(caseId).stream().mapToLong(Claim::sentAt).min().orElseThrow();
        agreeMillis.add(Crowd.ms(agreed - firstClaim));
        assertTrue(firstNewFrame.containsKey(caseId));
    }

    private static String refOf(JsonNode f) {
        return "claimed".equals(f.path("type").asText())
                ? f.path("requestId").asText()
                : f.path("ref").asText();
    }

    /** The answers (claimed / error) to the given claim requests, across every console. */
    private static List<Live.Frame> answers(Iterable<Live> consoles, Set<String> requestIds) {
        List<Live.Frame> out = new ArrayList<>();
        for (Live console : consoles) {
            for (Live.Frame f : console.frames) {
                if (("claimed".equals(f.type()) || "error".equals(f.type()))
                        && requestIds.contains(refOf(f.json()))) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
