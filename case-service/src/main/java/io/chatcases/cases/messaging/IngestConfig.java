package io.chatcases.cases.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the ingest consumer treats faults (docs/events.md, "Failure semantics"). */
@ConfigMapping(prefix = "cases.ingest")
public interface IngestConfig {
    /** Longest single attempt to store a send; a slower one counts as a transient fault. */
    @WithDefault("10s")
    Duration attemptTimeout();

    /**
     * How long a send waits for file-service to confirm its file before it is refused with
     * UNAVAILABLE (a peer outage never holds a partition longer than this).
     */
    @WithDefault("10s")
    Duration peerBudget();

    /** A send failing on transient faults for longer than this makes readiness DOWN. */
    @WithDefault("15s")
    Duration stallAfter();

    /** A send in flight for longer than this makes liveness DOWN (a restart resumes it). */
    @WithDefault("5m")
    Duration stuckAfter();

    /**
     * Static Kafka membership: the stable name of this process (default: host name and HTTP port),
     * so a restarted process takes its partitions back at once instead of after the old member's
     * session timeout. Empty in tests (dynamic membership).
     */
    Optional<String> instanceId();
}
