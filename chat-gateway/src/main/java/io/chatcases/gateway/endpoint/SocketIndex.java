package io.chatcases.gateway.endpoint;

import io.chatcases.gateway.routing.Audience;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Who on this replica may receive a Case's events, found without scanning every socket: the Case's
 * customer sockets and the agent sockets. With 10,000 idle customers on a replica, a scan of every
 * socket per event cost more than the deliveries themselves (docs/benchmarks.md, capacity). The
 * {@link Audience} still decides for each candidate; this only narrows who is asked.
 *
 * <p>A Case's set is added to and emptied inside one {@code compute} per key, so a socket opening
 * while the Case's last other socket closes is never added to a set that was just dropped.
 */
final class SocketIndex<S> {
    private final Map<UUID, Set<S>> customersByCase = new ConcurrentHashMap<>();
    private final Set<S> agents = ConcurrentHashMap.newKeySet();

    void add(S socket, Audience.Listener listener) {
        if (listener.kind() == Audience.Kind.AGENT) {
            agents.add(socket);
            return;
        }
        customersByCase.compute(
                listener.caseId(),
                (id, set) -> {
                    Set<S> sockets = set == null ? ConcurrentHashMap.newKeySet() : set;
                    sockets.add(socket);
                    return sockets;
                });
    }

    void remove(S socket, Audience.Listener listener) {
        if (listener.kind() == Audience.Kind.AGENT) {
            agents.remove(socket);
            return;
        }
        customersByCase.computeIfPresent(
                listener.caseId(),
                (id, set) -> {
                    set.remove(socket);
                    return set.isEmpty() ? null : set;
                });
    }

    Collection<S> agents() {
        return agents;
    }

    /** The customer sockets of one Case (none: empty). */
    Collection<S> customersOf(UUID caseId) {
        Set<S> set = caseId == null ? null : customersByCase.get(caseId);
        return set == null ? Set.of() : set;
    }

    /** The customers of {@code caseId}, then every agent. */
    Iterable<S> caseAudience(UUID caseId) {
        return () -> Stream.concat(customersOf(caseId).stream(), agents.stream()).iterator();
    }

    /** How many Cases have a customer socket here (a closed Case's entry goes with its last). */
    int casesIndexed() {
        return customersByCase.size();
    }
}
