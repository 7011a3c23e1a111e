package io.chatcases.gateway.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Failures of a peer (case-service, Kafka) that callers only see as {@code UNAVAILABLE} (an error
 * frame, a 503 problem): logged here, so an operator can tell why agents and customers were told to
 * try again. An outage fails every request at once, so each peer gets at most one line per
 * interval; the line says how many failures it stands for.
 */
public final class UpstreamFailures {
    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);
    private static final UpstreamFailures SHARED =
            new UpstreamFailures(Duration.ofSeconds(10), System::nanoTime, LOG::warn);

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Consumer<String> sink;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** One peer's interval: when its next line may be written, failures since the last line. */
    private static final class Window {
        final AtomicLong nextLineAt;
        final AtomicLong failures = new AtomicLong();

        Window(long now) {
            nextLineAt = new AtomicLong(now);
        }
    }

    UpstreamFailures(Duration interval, LongSupplier clock, Consumer<String> sink) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.sink = sink;
    }

    /** Counts a failure of {@code peer} answered with UNAVAILABLE; logs it when its turn comes. */
    public static void report(String peer, Throwable failure) {
        SHARED.record(peer, failure);
    }

    void record(String peer, Throwable failure) {
        long now = clock.getAsLong();
        Window w = windows.computeIfAbsent(peer, p -> new Window(now));
        w.failures.incrementAndGet();
        long due = w.nextLineAt.get();
        if (now - due >= 0 && w.nextLineAt.compareAndSet(due, now + intervalNanos)) {
            // Every failure counted before this takes them is in this line, each exactly once.
            long count = w.failures.getAndSet(0);
            if (count == 0) {
                return; // an earlier line took this one's count
            }
            sink.accept(
                    String.format(
                            "%s failed, answered UNAVAILABLE (%d time%s since the last such line):"
                                    + " %s",
                            peer, count, count == 1 ? "" : "s", describe(failure)));
        }
    }

    /** The failure and its cause, one line (a cause names the refused or timed-out address). */
    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause == null || cause == failure ? failure.toString() : failure + " <- " + cause;
    }
}
