package io.chatcases.cases.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The records the consumers are handling right now, and the one retry loop they share: an attempt
 * that fails on a transient fault ({@link IngestFailures}) is tried again after a bounded, jittered
 * back-off until it succeeds; any other failure goes to the caller's permanent handler at once.
 * Health reads the oldest record to tell whether consumption makes progress.
 */
@ApplicationScoped
public class ConsumerProgress {
    private static final Logger LOG = Logger.getLogger(ConsumerProgress.class);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;

    @Inject MeterRegistry metrics;
    @Inject Vertx vertx;

    private final Set<Work> inFlight = ConcurrentHashMap.newKeySet();

    /** One record in flight: what it is, since when, and how its attempts went. */
    public final class Work {
        final String channel;
        final Object key;
        final Instant since = Instant.now();
        // Timeouts and back-off fire on timer threads; Hibernate Reactive needs the record's
        // Vert.x context, so every continuation comes back to it.
        final Executor context;
        volatile int failures;
        volatile String lastError;

        Work(String channel, Object key, Context context) {
            this.channel = channel;
            this.key = key;
            this.context = task -> context.runOnContext(ignored -> task.run());
        }

        /** Runs on the record's Vert.x context. */
        public Executor executor() {
            return context;
        }

        public String channel() {
            return channel;
        }

        public Object key() {
            return key;
        }

        public Instant since() {
            return since;
        }

        public int failures() {
            return failures;
        }

        public String lastError() {
            return lastError;
        }

        /**
         * Runs {@code attempt} (each try at most {@code timeout}) until it succeeds; a failure that
         * is not transient goes to {@code permanent} instead of being retried.
         */
        public Uni<Void> untilDone(
                Supplier<Uni<Void>> attempt,
                Duration timeout,
                Function<Throwable, Uni<Void>> permanent) {
            return Uni.createFrom()
                    .deferred(attempt::get)
                    .ifNoItem()
                    .after(timeout)
                    .fail()
                    .emitOn(context)
                    .onFailure()
                    .recoverWithUni(
                            failure ->
                                    IngestFailures.classify(failure).retry()
                                            ? Uni.createFrom()
                                                    .voidItem()
                                                    .onItem()
                                                    .delayIt()
                                                    .by(failed(failure))
                                                    .emitOn(context)
                                                    .chain(
                                                            () ->
                                                                    untilDone(
                                                                            attempt, timeout,
                                                                            permanent))
                                            : permanent.apply(failure));
        }

        /** Records a transient failure; returns how long to wait before the next attempt. */
        private Duration failed(Throwable failure) {
            int n = ++failures;
            lastError = failure.toString();
            metrics.counter("chat.consumer.retries", "channel", channel).increment();
            long cap = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(n, 10));
            // Jitter spreads the retries of the partitions that all wait on the same database.
            long wait = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
            if (n == 1 || n % 20 == 0) {
                LOG.warnf(
                        "%s record %s failed %d time(s), retrying in %d ms: %s",
                        channel, key, n, wait, lastError);
            }
            return Duration.ofMillis(wait);
        }
    }

    /** Starts tracking a record of {@code channel}; call on the record's Vert.x context. */
    public Work begin(String channel, Object key) {
        Work w = new Work(channel, key, VertxContext.getOrCreateDuplicatedContext(vertx));
        inFlight.add(w);
        return w;
    }

    public void end(Work w) {
        inFlight.remove(w);
    }

    /** The record that has waited longest among those that failed at least once. */
    public Optional<Work> oldestFailing() {
        return inFlight.stream().filter(w -> w.failures > 0).min(Comparator.comparing(Work::since));
    }

    /** The record that has been in flight longest, failing or not. */
    public Optional<Work> oldest() {
        return inFlight.stream().min(Comparator.comparing(Work::since));
    }
}
