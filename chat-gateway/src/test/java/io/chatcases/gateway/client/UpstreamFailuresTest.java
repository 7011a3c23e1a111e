package io.chatcases.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An outage is logged, without flooding the log: one line per peer and interval, counting the
 * failures it stands for.
 */
class UpstreamFailuresTest {
    final AtomicLong now = new AtomicLong(1_000);
    final List<String> lines = new ArrayList<>();
    final UpstreamFailures failures =
            new UpstreamFailures(Duration.ofNanos(100), now::get, lines::add);

    @Test
    void theFirstFailureIsLoggedAtOnceWithItsCause() {
        failures.record(
                "case-service",
                new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:9")));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("case-service failed, answered UNAVAILABLE (1 time "));
        assertTrue(lines.get(0).contains("Connection refused: /127.0.0.1:9"), lines.get(0));
    }

    @Test
    void anOutageGivesOneLinePerIntervalCountingTheRest() {
        for (int i = 0; i < 50; i++) {
            failures.record("case-service", new RuntimeException("down"));
        }
        assertEquals(1, lines.size());
        now.addAndGet(99);
        failures.record("case-service", new RuntimeException("down"));
        assertEquals(1, lines.size(), "not before the interval is over");
        now.addAndGet(1);
        failures.record("case-service", new RuntimeException("down"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("(51 times since the last such line)"), lines.get(1));
    }

    @Test
    void eachPeerHasItsOwnInterval() {
        failures.record("case-service", new RuntimeException("down"));
        failures.record("kafka", new RuntimeException("no ack"));
        failures.record("case-service", new RuntimeException("down"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("kafka failed"));
    }

    @Test
    void concurrentFailuresAreEachCountedOnce() throws Exception {
        int threads = 8;
        int each = 2_000;
        List<String> synced = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong clock = new AtomicLong();
        UpstreamFailures shared =
                new UpstreamFailures(Duration.ofNanos(100), clock::get, synced::add);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            pool.submit(
                    () -> {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            clock.incrementAndGet();
                            shared.record("case-service", new RuntimeException("down"));
                        }
                        return null;
                    });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        clock.addAndGet(1_000);
        shared.record("case-service", new RuntimeException("down")); // flushes the last window
        long counted =
                synced.stream()
                        .mapToLong(l -> Long.parseLong(l.replaceAll(".*\\((\\d+) times?.*", "$1")))
                        .sum();
        assertEquals(threads * each + 1, counted, "every failure is in exactly one line");
        assertTrue(synced.size() < threads * each / 10, "lines: " + synced.size());
    }
}
