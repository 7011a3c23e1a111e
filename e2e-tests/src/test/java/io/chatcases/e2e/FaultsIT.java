package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Process and network faults against a private copy of the platform ({@link Lab}), with simulated
 * customers and agents chatting through two gateway replicas the whole time ({@link Traffic}). Each
 * scenario ends with every transcript checked against the store: every acknowledged message exactly
 * once, seqs contiguous, nothing lost, and prints the time to full recovery. {@code
 * -Dfaults.rounds=N} repeats every fault N times (the long run, deploy/local/faults.sh).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    static final int RATE = Integer.getInteger("faults.rate", 20);
    static final int[] GATEWAYS = {Lab.GATEWAY_A, Lab.GATEWAY_B};
    static Lab lab;

    @BeforeAll
    static void startLab() {
        lab = new Lab();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    static Traffic traffic() {
        Traffic t = new Traffic(GATEWAYS, 24, 12);
        t.start(RATE);
        Ws.sleep(3000); // conversations under way
        return t;
    }

    @Test
    @Order(1)
    void brokerKilledAndRestarted() {
        try (Traffic t = traffic()) {
            for (int round = 0; round < ROUNDS; round++) {
                lab.crashBroker();
                Ws.sleep(3000);
                long t0 = System.nanoTime();
                lab.startBroker();
                System.out.printf(
                        "[faults] broker restarted: serving after %.1f s (Kafka's own start)%n",
                        (System.nanoTime() - t0) / 1e9);
                t.healed();
                Ws.sleep(5000);
            }
            t.verify("broker kill -9");
        }
    }

    @Test
    @Order(2)
    void brokerPausedTwentySeconds() {
        try (Traffic t = traffic()) {
            for (int round = 0; round < ROUNDS; round++) {
                Health health = Health.watch(lab, "case-service", "gateway-" + Lab.GATEWAY_A);
                lab.pauseBroker(true);
                Ws.sleep(20_000);
                lab.pauseBroker(false);
                t.healed();
                Ws.sleep(5000);
                health.assertWentDownAndCameBack("broker SIGSTOP", "case-service");
            }
            t.verify("broker SIGSTOP 20 s");
        }
    }

    @Test
    @Order(3)
    void databaseCrashedAndRestarted() {
        try (Traffic t = traffic()) {
            for (int round = 0; round < ROUNDS; round++) {
                Health health = Health.watch(lab, "case-service", "gateway-" + Lab.GATEWAY_A);
                lab.crashPostgres();
                Ws.sleep(5000);
                lab.startPostgresServer();
                t.healed();
                Ws.sleep(5000);
                health.assertWentDownAndCameBack("PostgreSQL immediate stop", "case-service");
            }
            t.verify("PostgreSQL immediate stop");
        }
    }

    /**
     * Claims commit while no event can leave (the link to the broker is cut), then case-service
     * dies before its outbox is published: after the restart the outbox delivers every claim, and
     * the consoles and customers see them.
     */
    @Test
    @Order(4)
    void caseServiceCrashBetweenCommitAndPublish() {
        Traffic t = new Traffic(GATEWAYS, 24, 6);
        try (t) {
            t.start(RATE);
            Ws.sleep(3000);
            for (int round = 0; round < ROUNDS; round++) {
                lab.kafkaLink.cut();
                List<String> waiting =
                        t.caseIds.stream().filter(c -> !t.owners.containsKey(c)).limit(4).toList();
                for (String c : waiting) {
                    assertEquals(200, t.claim(Lab.GATEWAY_A, c, "alice"), "claim while cut");
                }
                lab.service("case-service").crash();
                lab.kafkaLink.restore();
                t.healed(); // recovery includes the restart
                lab.service("case-service").start();
                lab.service("case-service").awaitReady(java.time.Duration.ofSeconds(90));
                Ws.sleep(5000);
            }
            t.verify("case-service kill -9 between commit and publish");
            // The claims made during the cut reached the customers (the claim message).
            Map<String, Traffic.Peer> byCase = new ConcurrentHashMap<>();
            t.customers.forEach(c -> byCase.put(c.caseId, c));
            t.owners.forEach(
                    (c, owner) ->
                            assertTrue(
                                    byCase.get(c).transcript.get(c).values().stream()
                                            .anyMatch(
                                                    m ->
                                                            "SYSTEM"
                                                                    .equals(
                                                                            m.path("sender")
                                                                                    .path("type")
                                                                                    .asText())),
                                    "the customer of " + c + " was told of the claim"));
        }
    }

    @Test
    @Order(5)
    void networkTrouble() {
        try (Traffic t = traffic()) {
            for (int round = 0; round < ROUNDS; round++) {
                lab.kafkaLink.delay(200); // a slow link to the broker
                Ws.sleep(8000);
                lab.kafkaLink.delay(0);
                lab.databaseLinks.get("case-service").cut(); // connections reset
                Ws.sleep(3000);
                lab.databaseLinks.get("case-service").restore();
                lab.kafkaLink.freeze(); // 5 s of silence, connections open
                Ws.sleep(5000);
                lab.kafkaLink.thaw();
                lab.databaseLinks.get("case-service").freeze();
                Ws.sleep(5000);
                lab.databaseLinks.get("case-service").thaw();
                t.healed();
                Ws.sleep(5000);
            }
            t.verify("network: delay, cut, freeze");
        }
    }

    /**
     * contact-service answering after 10 s, then not at all: chats still start, unmatched, and are
     * matched once it is back. file-service silent: a file message is refused with UNAVAILABLE
     * within the peer budget instead of holding its partition, text keeps flowing, and the same
     * send succeeds once file-service answers again.
     */
    @Test
    @Order(6)
    void slowAndSilentDependencies() {
        try (Traffic t = traffic()) {
            List<Platform.Chat> unmatched = new java.util.ArrayList<>();
            for (long delay : new long[] {10_000, -1}) {
                if (delay > 0) {
                    lab.contactsLink.delay(delay);
                } else {
                    lab.contactsLink.freeze();
                }
                long t0 = System.nanoTime();
                Platform.Chat chat =
                        Platform.startChatAt(
                                Lab.GATEWAY_A,
                                "slow-" + t0 + "@example.com",
                                "Sam",
                                "Slow",
                                "WEB_CONNECT");
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        "[faults] chat start with contact-service %s: %.1f s%n",
                        delay > 0 ? "answering after 10 s" : "silent", seconds);
                assertTrue(seconds < 8, "the chat started in " + seconds + " s");
                assertTrue(contactId(chat.caseId()).isEmpty(), "started unmatched");
                unmatched.add(chat);
                lab.contactsLink.delay(0);
                lab.contactsLink.thaw();
            }
            Lab.await(
                    "the unmatched chats matched once contact-service is back",
                    java.time.Duration.ofSeconds(60),
                    () -> unmatched.stream().noneMatch(c -> contactId(c.caseId()).isEmpty()));

            Platform.Chat chat =
                    Platform.startChatAt(
                            Lab.GATEWAY_A,
                            "file-" + System.nanoTime() + "@example.com",
                            "Fil",
                            "Silent",
                            "WEB_CONNECT");
            var uploaded =
                    FileFlowIT.upload(
                            Lab.GATEWAY_A,
                            chat.caseId(),
                            chat.customerToken(),
                            "receipt.png",
                            FileFlowIT.png());
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            String fileId = Platform.json(uploaded.body()).path("fileId").asText();
            try (Ws customer = Ws.customer(Lab.GATEWAY_A, chat.customerToken())) {
                customer.await("history", f -> true);
                lab.filesLink.freeze();
                long t0 = System.nanoTime();
                customer.send("type", "send", "clientMsgId", "file-1", "fileId", fileId);
                customer.await(
                        f ->
                                "error".equals(f.path("type").asText())
                                        && "file-1".equals(f.path("ref").asText()),
                        java.time.Duration.ofSeconds(30));
                System.out.printf(
                        "[faults] file message with file-service silent: UNAVAILABLE after %.1f s%n",
                        (System.nanoTime() - t0) / 1e9);
                lab.filesLink.thaw();
                customer.send("type", "send", "clientMsgId", "file-1", "fileId", fileId);
                customer.await(
                        "message",
                        f -> "file-1".equals(f.path("message").path("clientMsgId").asText()));
            }
            t.healed();
            t.verify("contact-service slow and silent, file-service silent");
        }
    }

    /** The Contact a Case is matched to, empty while unmatched. */
    static String contactId(String caseId) {
        var id =
                Platform.json(
                                Platform.get(
                                                Lab.GATEWAY_A,
                                                "/api/cases/" + caseId,
                                                io.chatcases.testing.Tokens.of("admin"))
                                        .body())
                        .path("contact")
                        .path("id");
        return id.isTextual() ? id.asText() : "";
    }

    /** Polls readiness of some lab services and remembers whether each went DOWN. */
    static final class Health {
        final Map<String, Boolean> wentDown = new ConcurrentHashMap<>();
        final Thread poller;
        volatile boolean stop;

        private Health(Lab lab, String... names) {
            for (String n : names) {
                wentDown.put(n, false);
            }
            poller =
                    new Thread(
                            () -> {
                                while (!stop) {
                                    for (String n : names) {
                                        if (!lab.service(n).ready()) {
                                            wentDown.put(n, true);
                                        }
                                    }
                                    Ws.sleep(500);
                                }
                            });
            poller.setDaemon(true);
            poller.start();
        }

        static Health watch(Lab lab, String... names) {
            return new Health(lab, names);
        }

        /**
         * Every watched service is ready again; those named went DOWN meanwhile (the others are
         * reported: a gateway stays ready while it can still answer with UNAVAILABLE).
         */
        void assertWentDownAndCameBack(String fault, String... mustGoDown) {
            wentDown.keySet()
                    .forEach(
                            n ->
                                    Lab.await(
                                            n + " ready again after " + fault,
                                            java.time.Duration.ofSeconds(60),
                                            () -> lab.service(n).ready()));
            stop = true;
            System.out.println("[faults] " + fault + ": readiness went DOWN " + wentDown);
            for (String n : mustGoDown) {
                assertTrue(wentDown.get(n), n + " readiness never went DOWN during " + fault);
            }
        }
    }
}
