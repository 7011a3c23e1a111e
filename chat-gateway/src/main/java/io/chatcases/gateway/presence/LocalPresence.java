package io.chatcases.gateway.presence;

import java.util.HashMap;
import java.util.Map;

/**
 * The agents holding sockets on this replica and the status each chose, as this replica announces
 * them. An agent whose last socket closed is still announced for {@code graceMillis} with its
 * status (a reload, a reconnect to this replica keeps it); after that it is left out, and so
 * becomes OFFLINE on every replica. A new agent starts ONLINE (the console then sends the status
 * the agent chose, kept across reloads).
 */
public final class LocalPresence {
    private static final class Agent {
        int sockets;
        PresenceStatus status = PresenceStatus.ONLINE;
        long since;
        long leftAt;
    }

    private final Map<String, Agent> agents = new HashMap<>();
    private final long graceMillis;

    public LocalPresence(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /**
     * A socket of {@code agentId} opened; true when the agent was not announced before (a change to
     * announce at once).
     */
    public synchronized boolean connected(String agentId, long now) {
        Agent a = agents.get(agentId);
        boolean added = a == null || (a.sockets == 0 && now - a.leftAt > graceMillis);
        if (added) {
            a = new Agent();
            a.since = now;
            agents.put(agentId, a);
        }
        a.sockets++;
        return added;
    }

    /** A socket of {@code agentId} closed. */
    public synchronized void disconnected(String agentId, long now) {
        Agent a = agents.get(agentId);
        if (a != null && a.sockets > 0 && --a.sockets == 0) {
            a.leftAt = now;
        }
    }

    /** The agent chose {@code status}; true when it changed (announce at once). */
    public synchronized boolean set(String agentId, PresenceStatus status, long now) {
        Agent a = agents.get(agentId);
        if (a == null || a.sockets == 0 || a.status == status) {
            return false;
        }
        a.status = status;
        a.since = now;
        return true;
    }

    /** What this replica announces at {@code now}; agents past their grace are forgotten. */
    public synchronized Map<String, PresenceBoard.Entry> snapshot(long now) {
        agents.values().removeIf(a -> a.sockets == 0 && now - a.leftAt > graceMillis);
        Map<String, PresenceBoard.Entry> out = new HashMap<>();
        agents.forEach((id, a) -> out.put(id, new PresenceBoard.Entry(a.status, a.since)));
        return out;
    }
}
