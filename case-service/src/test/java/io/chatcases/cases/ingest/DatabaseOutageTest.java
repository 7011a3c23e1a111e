package io.chatcases.cases.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The database goes away (connections reset, new ones refused) for longer than every retry and
 * attempt timeout: readiness says so, nothing is skipped or refused, and when the database is back
 * every send is stored, in order, with no restart.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Outage.class)
class DatabaseOutageTest {
    private static final int OUTAGE_SECONDS = 25;

    @Inject CaseService cases;

    @Test
    void sendsWaitOutADatabaseOutageAndAreStoredInOrderWhenItReturns() {
        List<ChatCase> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            started.add(Fixtures.startCase(cases));
        }
        assertEquals(200, given().get("/q/health/ready").statusCode());

        ProxyResource.proxy.cut();
        long cutAt = System.nanoTime();
        try (IngestTopic ingest = new IngestTopic()) {
            for (int n = 0; n < 5; n++) {
                for (ChatCase c : started) {
                    ingest.send(IngestTopic.customerText(c.id, "o-" + n, "during " + n));
                }
            }
        }
        String down = awaitReadiness(503, Duration.ofSeconds(30));
        assertTrue(
                down.contains("kafka consumers progress") && down.contains("chat-ingest"),
                "readiness names the stalled channel: " + down);
        long remaining = OUTAGE_SECONDS * 1000L - (System.nanoTime() - cutAt) / 1_000_000;
        Stored.sleep(Math.max(0, remaining));
        ProxyResource.proxy.restore();
        long restoredAt = System.nanoTime();

        List<String> expected = IntStream.range(0, 5).mapToObj(n -> "during " + n).toList();
        for (ChatCase c : started) {
            assertTrue(
                    Stored.awaitMessages(c.id, 5, Duration.ofSeconds(60)) >= 0,
                    "every send of the outage is stored once the database is back");
            assertEquals(expected, Stored.texts(c.id), "in the order they were sent");
        }
        System.out.printf(
                "[outage] database away %d s; 20 sends stored %d ms after it returned%n",
                OUTAGE_SECONDS, (System.nanoTime() - restoredAt) / 1_000_000);
        awaitReadiness(200, Duration.ofSeconds(30));
    }

    private static String awaitReadiness(int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            var r = given().get("/q/health/ready");
            body = r.asString();
            if (r.statusCode() == status) {
                return body;
            }
            Stored.sleep(250);
        }
        throw new AssertionError("readiness never answered " + status + ": " + body);
    }

    /** case-service talks to PostgreSQL through a proxy the test can cut. */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxyResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cases.ingest.stall-after", "3s",
                    "cases.ingest.attempt-timeout", "2s");
        }
    }

    public static class ProxyResource implements QuarkusTestResourceLifecycleManager {
        static TcpProxy proxy;

        @Override
        public Map<String, String> start() {
            proxy = TcpProxy.start("127.0.0.1", 5432);
            // The test database as configured, reached through the proxy.
            String url =
                    org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getOptionalValue("quarkus.datasource.reactive.url", String.class)
                            .orElse("postgresql://127.0.0.1:5432/cases_test");
            return Map.of(
                    "quarkus.datasource.reactive.url",
                    url.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()));
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }
}
