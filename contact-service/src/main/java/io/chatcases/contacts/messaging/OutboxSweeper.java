package io.chatcases.contacts.messaging;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The safety net of the outbox: the normal path publishes right after commit, this catches rows a
 * crash or a broker outage left pending, and purges old published rows.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;

    OutboxSweeper(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(
            identity = "outbox-sweep",
            every = "${outbox.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before start-up has finished: the Kafka emitter is wired during start-up.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relay.wake();
    }

    @Scheduled(
            identity = "outbox-purge",
            every = "1h",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        relay.purgePublished()
                .subscribe()
                .with(
                        n -> LOG.debugf("Purged %d published outbox rows", n),
                        e -> LOG.warnf("Outbox purge failed: %s", e.toString()));
    }
}
