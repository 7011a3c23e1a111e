package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * case-service is killed (kill -9) in the middle of a stream and started again by up.sh. Every
 * accepted send is stored exactly once with contiguous seqs, and the test prints how soon after the
 * restart the backlog flows (target: under 10 s; static membership means the new process does not
 * wait for the dead one's session to time out).
 */
class CaseServiceRestartIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    private static final int CHATS = 6;

    @Test
    void aRestartedCaseServiceResumesTheStreamWithinSeconds() throws Exception {
        List<Platform.Chat> chats = new ArrayList<>();
        List<Ws> sockets = new ArrayList<>();
        for (int i = 0; i < CHATS; i++) {
            Platform.Chat chat = Platform.startChat("Rest", "Art" + i);
            chats.add(chat);
            Ws ws = Ws.customer(Platform.GATEWAY, chat.customerToken());
            ws.await("history", f -> true);
            sockets.add(ws);
        }
        try {
            int sent = 0;
            for (; sent < 3; sent++) {
                sendRound(sockets, sent);
            }
            awaitStored(sockets, chats, sent, Duration.ofSeconds(20));

            killCaseService();
            long killedAt = System.nanoTime();
            for (; sent < 6; sent++) {
                sendRound(sockets, sent); // accepted by the gateway: Kafka holds them
            }
            long restartAt = System.nanoTime();
            Process up =
                    new ProcessBuilder("bash", "deploy/local/up.sh", "--no-build")
                            .directory(Platform.ROOT.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    Platform.ROOT
                                            .resolve("e2e-tests/target/restart-up.log")
                                            .toFile())
                            .start();
            long readyAt = awaitReady(Duration.ofSeconds(120));
            // The first message sent while case-service was down, stored and delivered.
            long firstStored = awaitFirstBacklog(sockets, chats, Duration.ofSeconds(120));
            assertEquals(0, up.waitFor(), "up.sh restarts case-service");
            awaitStored(sockets, chats, sent, Duration.ofSeconds(60));
            System.out.printf(
                    "[restart] case-service down %.1f s; restart -> ready %.1f s (JVM start);"
                            + " ready -> first backlog message stored %.1f s; restart -> first stored"
                            + " %.1f s (target < 10 s)%n",
                    (restartAt - killedAt) / 1e9,
                    (readyAt - restartAt) / 1e9,
                    (firstStored - readyAt) / 1e9,
                    (firstStored - restartAt) / 1e9);

            for (int i = 0; i < CHATS; i++) {
                List<Long> seqs = new ArrayList<>();
                Set<String> ids = new TreeSet<>();
                Set<Long> held = new java.util.HashSet<>();
                for (JsonNode m : sockets.get(i).messages(chats.get(i).caseId())) {
                    // Every message once by seq; the sends by their clientMsgId (the greeting,
                    // cases.greeting, is the system's and has none).
                    if (held.add(m.path("seq").asLong())) {
                        seqs.add(m.path("seq").asLong());
                    }
                    if ("CUSTOMER".equals(m.path("sender").path("type").asText())) {
                        ids.add(m.path("clientMsgId").asText());
                    }
                }
                assertEquals(sent, ids.size(), "every accepted send stored exactly once");
                for (int s = 0; s < seqs.size(); s++) {
                    assertEquals(s + 1L, seqs.get(s), "contiguous seqs");
                }
            }
        } finally {
            sockets.forEach(Ws::close);
        }
    }

    private static void sendRound(List<Ws> sockets, int n) {
        for (Ws ws : sockets) {
            String id = "r" + n;
            ws.send("type", "send", "clientMsgId", id, "text", "message " + n);
            ws.await("accepted", f -> id.equals(f.path("clientMsgId").asText()));
        }
        Ws.sleep(250); // under the per-connection rate limit
    }

    private static void awaitStored(
            List<Ws> sockets, List<Platform.Chat> chats, int count, Duration timeout) {
        for (int i = 0; i < sockets.size(); i++) {
            String id = "r" + (count - 1);
            String caseId = chats.get(i).caseId();
            sockets.get(i)
                    .await(
                            f ->
                                    "message".equals(f.path("type").asText())
                                            && caseId.equals(
                                                    f.path("message").path("caseId").asText())
                                            && id.equals(
                                                    f.path("message").path("clientMsgId").asText()),
                            timeout);
        }
    }

    /** When the restarted case-service reports ready. */
    private static long awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Platform.get(8081, "/q/health/ready", null).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Ws.sleep(50);
        }
        throw new AssertionError("case-service not ready within " + timeout);
    }

    private static long awaitFirstBacklog(
            List<Ws> sockets, List<Platform.Chat> chats, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < sockets.size(); i++) {
                for (JsonNode m : sockets.get(i).messages(chats.get(i).caseId())) {
                    if ("r3".equals(m.path("clientMsgId").asText())) {
                        return System.nanoTime();
                    }
                }
            }
            Ws.sleep(20);
        }
        throw new AssertionError("no backlog message stored within " + timeout);
    }

    /** kill -9 of the platform's case-service process group, as a crashed pod. */
    private static void killCaseService() throws Exception {
        String state = System.getenv().getOrDefault("STATE_DIR", "deploy/local/.state");
        Path pidFile = Platform.ROOT.resolve(state).resolve("pids/case-service.pid");
        String pid = Files.readString(pidFile).trim();
        Process kill = new ProcessBuilder("kill", "-9", "--", "-" + pid).inheritIO().start();
        assertEquals(0, kill.waitFor(), "case-service (pid group " + pid + ") killed");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Platform.get(8081, "/q/health/live", null);
                Ws.sleep(100);
            } catch (IllegalStateException down) {
                return;
            }
        }
        throw new AssertionError("case-service still answers after kill -9");
    }
}
