package io.chatcases.gateway.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one replica announces: its agents' chosen status, kept for a grace after they leave. */
class LocalPresenceTest {
    static final long GRACE = 10_000;

    static PresenceStatus announced(LocalPresence p, String agent, long now) {
        PresenceBoard.Entry e = p.snapshot(now).get(agent);
        return e == null ? PresenceStatus.OFFLINE : e.status();
    }

    @Test
    void aConnectedAgentIsOnlineUntilItChoosesAway() {
        LocalPresence p = new LocalPresence(GRACE);
        assertTrue(p.connected("alice", 0), "a new agent is a change to announce");
        assertEquals(PresenceStatus.ONLINE, announced(p, "alice", 0));
        assertTrue(p.set("alice", PresenceStatus.AWAY, 10));
        assertFalse(p.set("alice", PresenceStatus.AWAY, 20), "no change, nothing to announce");
        assertEquals(new PresenceBoard.Entry(PresenceStatus.AWAY, 10), p.snapshot(30).get("alice"));
    }

    @Test
    void aSecondTabIsNoChange() {
        LocalPresence p = new LocalPresence(GRACE);
        assertTrue(p.connected("alice", 0));
        assertFalse(p.connected("alice", 5));
        p.disconnected("alice", 6);
        assertEquals(PresenceStatus.ONLINE, announced(p, "alice", 6 + GRACE * 2), "one tab left");
    }

    @Test
    void anAgentWithNoSocketIsAnnouncedForTheGraceThenDropped() {
        LocalPresence p = new LocalPresence(GRACE);
        p.connected("alice", 0);
        p.set("alice", PresenceStatus.AWAY, 1);
        p.disconnected("alice", 100);
        assertEquals(PresenceStatus.AWAY, announced(p, "alice", 100 + GRACE));
        assertEquals(PresenceStatus.OFFLINE, announced(p, "alice", 101 + GRACE));
        assertEquals(Map.of(), p.snapshot(101 + GRACE));
    }

    @Test
    void aReloadWithinTheGraceKeepsTheChosenStatus() {
        LocalPresence p = new LocalPresence(GRACE);
        p.connected("alice", 0);
        p.set("alice", PresenceStatus.AWAY, 1);
        p.disconnected("alice", 100);
        assertFalse(p.connected("alice", 200), "still announced: no change");
        assertEquals(PresenceStatus.AWAY, announced(p, "alice", 200 + GRACE * 5));
    }

    @Test
    void aStatusWithoutASocketIsIgnoredAndAReturnAfterTheGraceStartsOnline() {
        LocalPresence p = new LocalPresence(GRACE);
        assertFalse(p.set("ghost", PresenceStatus.AWAY, 0));
        p.connected("alice", 0);
        p.set("alice", PresenceStatus.AWAY, 1);
        p.disconnected("alice", 2);
        assertTrue(p.connected("alice", 3 + GRACE));
        assertEquals(PresenceStatus.ONLINE, announced(p, "alice", 3 + GRACE));
    }
}
