package io.chatcases.gateway.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging the replicas' announcements: latest choice wins, silent replicas expire. */
class PresenceBoardTest {
    static final long TTL = 15_000;

    static PresenceBoard.Entry entry(PresenceStatus s, long since) {
        return new PresenceBoard.Entry(s, since);
    }

    @Test
    void nobodyAnnouncedIsOfflineAndNobodyIsAvailable() {
        PresenceBoard board = new PresenceBoard(TTL);
        assertEquals(PresenceStatus.OFFLINE, board.status("alice", 0));
        assertFalse(board.anyOnline(0));
    }

    @Test
    void anAgentOnAnotherReplicaIsOnlineThenAwayThenOfflineWhenDropped() {
        PresenceBoard board = new PresenceBoard(TTL);
        board.merge("b", Map.of("alice", entry(PresenceStatus.ONLINE, 1)), 1_000);
        assertEquals(PresenceStatus.ONLINE, board.status("alice", 1_000));
        assertTrue(board.anyOnline(1_000));

        board.merge("b", Map.of("alice", entry(PresenceStatus.AWAY, 2)), 2_000);
        assertEquals(PresenceStatus.AWAY, board.status("alice", 2_000));
        assertFalse(board.anyOnline(2_000), "away is not available");

        board.merge("b", Map.of(), 3_000);
        assertEquals(PresenceStatus.OFFLINE, board.status("alice", 3_000));
    }

    @Test
    void aSilentReplicasAgentsExpireAfterTheTtl() {
        PresenceBoard board = new PresenceBoard(TTL);
        board.merge("killed", Map.of("alice", entry(PresenceStatus.ONLINE, 1)), 1_000);
        assertEquals(PresenceStatus.ONLINE, board.status("alice", 1_000 + TTL));
        assertEquals(PresenceStatus.OFFLINE, board.status("alice", 1_001 + TTL));
        assertEquals(Map.of(), board.all(1_001 + TTL));
    }

    @Test
    void anAgentOnTwoReplicasHasTheStatusChosenLast() {
        PresenceBoard board = new PresenceBoard(TTL);
        board.merge("a", Map.of("alice", entry(PresenceStatus.AWAY, 500)), 1_000);
        board.merge("b", Map.of("alice", entry(PresenceStatus.ONLINE, 400)), 1_000);
        assertEquals(PresenceStatus.AWAY, board.status("alice", 1_000));
        board.merge("b", Map.of("alice", entry(PresenceStatus.ONLINE, 600)), 1_100);
        assertEquals(PresenceStatus.ONLINE, board.status("alice", 1_100));
        // One replica dropping her leaves the other's word.
        board.merge("b", Map.of(), 1_200);
        assertEquals(PresenceStatus.AWAY, board.status("alice", 1_200));
    }

    @Test
    void availableWhenAnyAgentIsOnlineAndChosenOfflineCountsAsOffline() {
        PresenceBoard board = new PresenceBoard(TTL);
        board.merge(
                "a",
                Map.of(
                        "alice", entry(PresenceStatus.OFFLINE, 1),
                        "bob", entry(PresenceStatus.AWAY, 1)),
                0);
        assertFalse(board.anyOnline(0));
        assertEquals(Map.of("bob", PresenceStatus.AWAY), board.all(0));
        board.merge("b", Map.of("carol", entry(PresenceStatus.ONLINE, 1)), 0);
        assertTrue(board.anyOnline(0));
    }
}
