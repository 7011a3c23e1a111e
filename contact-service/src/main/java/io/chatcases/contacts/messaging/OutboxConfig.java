package io.chatcases.contacts.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the transactional outbox relay. */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** Most rows one relay pass claims and publishes in one transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long a pass waits for the broker's acks before it rolls back and leaves the rows. */
    @WithDefault("10s")
    Duration publishTimeout();

    /**
     * How often the sweeper looks for rows the after-commit wake-up missed (crash, broker down).
     */
    @WithDefault("5s")
    Duration sweepInterval();

    /** How long published rows are kept (for diagnosis) before the purge deletes them. */
    @WithDefault("168h")
    Duration retention();
}
