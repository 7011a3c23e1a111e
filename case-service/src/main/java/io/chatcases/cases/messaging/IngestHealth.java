package io.chatcases.cases.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health that tells the truth about the consumers: readiness is DOWN while a record keeps failing
 * on a transient fault (the database is away: nothing can be stored), liveness is DOWN when a send
 * has been in flight far longer than any retry explains (a restart resumes it from its offset).
 */
public final class IngestHealth {
    private IngestHealth() {}

    static HealthCheckResponse check(
            String name, java.util.Optional<ConsumerProgress.Work> work, Duration limit) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).up();
        work.ifPresent(
                w -> {
                    Duration age = Duration.between(w.since(), Instant.now());
                    b.withData("oldestSendSeconds", age.toSeconds())
                            .withData("channel", w.channel())
                            .withData("key", String.valueOf(w.key()))
                            .withData("failures", w.failures());
                    if (w.lastError() != null) {
                        b.withData("lastError", w.lastError());
                    }
                    if (age.compareTo(limit) > 0) {
                        b.down();
                    }
                });
        return b.build();
    }

    /** DOWN while the oldest failing send has been retried for longer than stall-after. */
    @Readiness
    @ApplicationScoped
    public static class Progress implements HealthCheck {
        @Inject ConsumerProgress progress;
        @Inject IngestConfig config;

        @Override
        public HealthCheckResponse call() {
            return check("kafka consumers progress", progress.oldestFailing(), config.stallAfter());
        }
    }

    /** DOWN when a send has been in flight for longer than stuck-after. */
    @Liveness
    @ApplicationScoped
    public static class Stuck implements HealthCheck {
        @Inject ConsumerProgress progress;
        @Inject IngestConfig config;

        @Override
        public HealthCheckResponse call() {
            return check("kafka consumers stuck", progress.oldest(), config.stuckAfter());
        }
    }
}
