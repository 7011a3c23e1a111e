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
                lab.startBroker();
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
                health.assertWentDownAndCameBack("broker SIGSTOP");
            }
            t.verify("broker SIGSTOP 20 s");
        }
    }

    @Test
    @Order(3)
    void databaseCrashedAndRestarted() {
        try (Traffic t = traffic()) {
            for (int round = 0; round < ROUNDS; round++) {
                Health health = Health.watch(lab, "case-service");
                lab.crashPostgres();
                Ws.sleep(5000);
                lab.startPostgresServer();
                t.healed();
                Ws.sleep(5000);
                health.assertWentDownAndCameBack("PostgreSQL immediate stop");
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
                lab.service("case-service").start();
                lab.service("case-service").awaitReady(java.time.Duration.ofSeconds(90));
                t.healed();
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

        void assertWentDownAndCameBack(String fault) {
            wentDown.keySet()
                    .forEach(
                            n ->
                                    Lab.await(
                                            n + " ready again after " + fault,
                                            java.time.Duration.ofSeconds(60),
                                            () -> lab.service(n).ready()));
            stop = true;
            wentDown.forEach(
                    (n, down) ->
                            assertTrue(down, n + " readiness never went DOWN during " + fault));
        }
    }
}
