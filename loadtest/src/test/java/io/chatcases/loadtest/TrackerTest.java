package io.chatcases.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrackerTest {

    @Test
    void countsEachRecipientOnceAndMatchesOnlyItsOwnMessages() {
        Tracker t = new Tracker("r1", 10);
        long now = System.nanoTime();
        int toAll = t.register(now, 3);
        int toOne = t.register(now, 1);

        t.delivered(t.clientMsgId(toAll), null, true, now + 5_000_000);
        t.delivered(t.clientMsgId(toAll), null, true, now + 7_000_000);
        t.delivered(t.clientMsgId(toOne), null, false, now + 2_000_000);
        t.delivered(t.clientMsgId(toOne), null, false, now + 9_000_000); // twice: one too many
        t.delivered("r2-0", null, true, now); // another run's message
        t.delivered("r1-9", null, true, now); // never registered
        t.delivered("r1-x", null, true, now); // not a number

        assertEquals(2, t.sent());
        assertEquals(4, t.owed());
        assertEquals(3, t.made(), "2 of 3 for the first, 1 of 1 for the second");
        assertEquals(1, t.overDelivered());
        assertEquals(4, t.all.count());
        assertEquals(2, t.toAgents.count());
    }

    @Test
    void latencyCountsFromTheIntendedTimeNotTheActualSend() {
        Tracker t = new Tracker("r1", 4);
        long intended = System.nanoTime();
        int n = t.register(intended, 1);
        // The harness sent it 40 ms late; the message arrived 50 ms after it was due.
        t.delivered(t.clientMsgId(n), null, true, intended + 50_000_000);
        assertEquals(50.0, t.all.summary().p50(), 0.1);
    }

    @Test
    void createdAtSplitsTheLatencyIntoItsTwoHalves() {
        Tracker t = new Tracker("r1", 4);
        long intended = System.nanoTime();
        int n = t.register(intended, 1);
        long storedNano = intended + 3_000_000;
        long wallMinusNano = epochNanos(Instant.now()) - System.nanoTime();
        long storedEpoch = storedNano + wallMinusNano;
        String createdAt =
                Instant.ofEpochSecond(storedEpoch / 1_000_000_000L, storedEpoch % 1_000_000_000L)
                        .toString();
        t.delivered(t.clientMsgId(n), createdAt, true, intended + 10_000_000);
        assertEquals(3.0, t.toStored.summary().p50(), 1.0);
        assertEquals(7.0, t.storedToDelivery.summary().p50(), 1.0);
    }

    @Test
    void aFullRunRefusesMoreMessages() {
        Tracker t = new Tracker("r1", 1);
        assertEquals(0, t.register(1, 1));
        assertEquals(-1, t.register(2, 1));
        assertEquals(1, t.sent());
    }

    @Test
    void seqsOutOfOrderCountAsDuplicatesOrGaps() {
        Tracker t = new Tracker("r1", 1);
        assertEquals(true, t.inOrder(null, 5), "the first seen of a Case");
        assertEquals(true, t.inOrder(5L, 6));
        assertEquals(false, t.inOrder(6L, 6), "the same seq again");
        assertEquals(false, t.inOrder(6L, 3), "an older seq");
        assertEquals(true, t.inOrder(6L, 9), "a skip is delivered but counted");
        assertEquals(true, t.inOrder(0L, 4), "0: nothing seen yet, no gap");
        assertEquals(2, t.duplicates.get());
        assertEquals(1, t.gaps.get());
    }

    private static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
