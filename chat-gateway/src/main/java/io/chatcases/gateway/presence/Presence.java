package io.chatcases.gateway.presence;

import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.messaging.Signals;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Agent presence across replicas, without a database: every replica announces its connected agents
 * and their chosen status on chat.signals every {@code gateway.presence.announce-every} (5 s) and
 * at once on a change (an agent's first socket, a chosen status); every replica merges the
 * announcements ({@link PresenceBoard}, TTL {@code gateway.presence.ttl}). An agent whose last
 * socket closed stays announced for {@code gateway.presence.grace} ({@link LocalPresence}), so a
 * reload does not flicker; then it is OFFLINE everywhere within one announcement period.
 */
@ApplicationScoped
public class Presence {
    private static final Logger LOG = Logger.getLogger(Presence.class);

    /** This replica in announcements (a restarted replica is a new one; the old one expires). */
    final String replica = UUID.randomUUID().toString();

    @Inject GatewayConfig config;
    @Inject Signals signals;

    private LocalPresence local;
    private PresenceBoard board;

    @PostConstruct
    void init() {
        local = new LocalPresence(config.presence().grace().toMillis());
        board = new PresenceBoard(config.presence().ttl().toMillis());
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** An agent socket opened on this replica. */
    public void connected(String agentId) {
        if (local.connected(agentId, now())) {
            announceNow();
        }
    }

    /** An agent socket closed on this replica (the agent stays announced for the grace). */
    public void disconnected(String agentId) {
        local.disconnected(agentId, now());
    }

    /** The agent chose {@code status} on one of its sockets here. */
    public void set(String agentId, PresenceStatus status) {
        if (local.set(agentId, status, now())) {
            announceNow();
        }
    }

    /** True when some agent is ONLINE on some replica. */
    public boolean available() {
        return board.anyOnline(now());
    }

    /** The merged status of every agent who is not OFFLINE. */
    public Map<String, PresenceStatus> statuses() {
        return board.all(now());
    }

    /** Another replica's (or this one's) announcement, read from chat.signals. */
    public void announced(String replica, Map<String, PresenceBoard.Entry> agents) {
        board.merge(replica, agents, now());
    }

    @Scheduled(
            every = "${gateway.presence.announce-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before start-up has finished: the Kafka emitter is wired during start-up.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> announce() {
        Map<String, PresenceBoard.Entry> agents = local.snapshot(now());
        // Known here at once; the record reaches the other replicas (and this one again).
        board.merge(replica, agents, now());
        return signals.presence(replica, agents)
                .onFailure()
                .invoke(f -> LOG.warnf("presence not announced: %s", f.toString()))
                .onFailure()
                .recoverWithNull();
    }

    private void announceNow() {
        announce().subscribe().with(ok -> {}, f -> {});
    }
}
