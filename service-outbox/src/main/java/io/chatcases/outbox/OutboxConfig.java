package io.chatcases.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the transactional outbox (service-outbox). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** Most aggregates, and most rows, one relay pass takes in one transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long a pass waits for the broker's acks before it rolls back and leaves the rows. */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * How often the sweeper runs a pass for rows no NOTIFY announced (the listen connection was
     * down, a pass failed while the broker was away).
     */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * Connections of the relay's own pool (a pass and the purge), apart from the service's pool, so
     * that a service busy on its own pool still publishes its commits at once.
     */
    @WithDefault("2")
    int poolSize();

    /** How long published rows are kept (for diagnosis) before the purge deletes them. */
    @WithDefault("P3D")
    Duration retention();
}
