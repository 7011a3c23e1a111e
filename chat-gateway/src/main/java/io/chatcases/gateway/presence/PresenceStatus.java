package io.chatcases.gateway.presence;

/**
 * An agent's presence. ONLINE and AWAY are chosen by the agent (the console's header control);
 * OFFLINE is also what an agent with no socket on any replica becomes after the grace.
 */
public enum PresenceStatus {
    ONLINE,
    AWAY,
    OFFLINE
}
