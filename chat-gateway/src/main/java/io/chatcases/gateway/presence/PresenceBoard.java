package io.chatcases.gateway.presence;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents' presence as this replica knows it: the latest announcement of every replica (its
 * connected agents and their chosen status), each kept for {@code ttlMillis} from when it was
 * received (this replica's clock: replicas' clocks may differ). A replica that stops announcing
 * (killed) drops out after the TTL. An agent announced by several replicas (tabs on each) has the
 * status set most recently ({@code since}, the announcing replica's clock: set by one person, so
 * seconds apart at least). Not announced by any live replica: OFFLINE.
 */
public final class PresenceBoard {
    /** One agent's status on one replica, and when it was set there (epoch millis). */
    public record Entry(PresenceStatus status, long since) {}

    private record Announcement(long receivedAt, Map<String, Entry> agents) {}

    private final Map<String, Announcement> byReplica = new ConcurrentHashMap<>();
    private final long ttlMillis;

    public PresenceBoard(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    /** Replaces what {@code replica} announced, received at {@code now}. */
    public void merge(String replica, Map<String, Entry> agents, long now) {
        byReplica.put(replica, new Announcement(now, Map.copyOf(agents)));
    }

    /** Every agent some live replica announces, with its merged status (OFFLINE ones left out). */
    public Map<String, PresenceStatus> all(long now) {
        Map<String, Entry> latest = new HashMap<>();
        byReplica.entrySet().removeIf(e -> now - e.getValue().receivedAt() > ttlMillis);
        for (Announcement a : byReplica.values()) {
            a.agents()
                    .forEach(
                            (agent, entry) ->
                                    latest.merge(
                                            agent, entry, (x, y) -> y.since() > x.since() ? y : x));
        }
        Map<String, PresenceStatus> statuses = new HashMap<>();
        latest.forEach(
                (agent, entry) -> {
                    if (entry.status() != PresenceStatus.OFFLINE) {
                        statuses.put(agent, entry.status());
                    }
                });
        return statuses;
    }

    /** {@code agentId}'s merged status at {@code now}. */
    public PresenceStatus status(String agentId, long now) {
        return all(now).getOrDefault(agentId, PresenceStatus.OFFLINE);
    }

    /**
     * True when at least one agent is ONLINE (the widget's "We usually reply in a few minutes").
     */
    public boolean anyOnline(long now) {
        return all(now).containsValue(PresenceStatus.ONLINE);
    }
}
