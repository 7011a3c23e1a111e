package io.chatcases.loadtest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounting of one measured run: every message sent gets a number, its intended send time and
 * how many sockets must receive it; deliveries are matched by the clientMsgId the harness chose
 * ({@code <tag>-<n>}), so a late delivery of an earlier run never counts here. Latency is taken
 * from the intended send time (open model: a harness that falls behind does not hide it).
 */
final class Tracker {
    final String tag;
    private final long[] intended;
    private final byte[] expected;
    private final AtomicIntegerArray delivered;
    private final AtomicInteger next = new AtomicInteger();
    final Figures all = new Figures();
    final Figures toAgents = new Figures();
    final Figures toCustomers = new Figures();
    final Figures accepted = new Figures();

    /**
     * Intended send -> the message's createdAt (stamped by case-service inside its transaction).
     */
    final Figures toStored = new Figures();

    /** createdAt -> delivery: commit, outbox relay, chat.case-events, the gateway's fan-out. */
    final Figures storedToDelivery = new Figures();

    /** Wall-clock epoch nanos minus System.nanoTime(), to place createdAt on the harness clock. */
    private final long wallMinusNano;

    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    Tracker(String tag, int capacity) {
        if (tag.contains("-")) {
            throw new IllegalArgumentException("a tag has no '-': " + tag);
        }
        this.tag = tag;
        this.intended = new long[capacity];
        this.expected = new byte[capacity];
        this.delivered = new AtomicIntegerArray(capacity);
        java.time.Instant now = java.time.Instant.now();
        this.wallMinusNano =
                now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    /** A message about to be sent at {@code intendedNanos}; -1 when the run is full. */
    int register(long intendedNanos, int recipients) {
        int n = next.getAndIncrement();
        if (n >= intended.length) {
            return -1;
        }
        intended[n] = intendedNanos;
        expected[n] = (byte) Math.min(recipients, Byte.MAX_VALUE);
        return n;
    }

    String clientMsgId(int n) {
        return tag + "-" + n;
    }

    /** The number of one of this run's clientMsgIds, or -1 for anything else. */
    int number(String clientMsgId) {
        if (clientMsgId == null
                || clientMsgId.length() <= tag.length() + 1
                || !clientMsgId.startsWith(tag)
                || clientMsgId.charAt(tag.length()) != '-') {
            return -1;
        }
        try {
            int n = Integer.parseInt(clientMsgId.substring(tag.length() + 1));
            return n >= 0 && n < Math.min(next.get(), intended.length) ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Checks a message's seq against the last one its socket saw of the Case ({@code last}, null or
     * 0 for none): a seq not above it is a duplicate (counted; false), one that skips seqs is a gap
     * (counted).
     */
    boolean inOrder(Long last, long seq) {
        if (last != null && seq <= last) {
            duplicates.incrementAndGet();
            return false;
        }
        if (last != null && last > 0 && seq > last + 1) {
            gaps.incrementAndGet();
        }
        return true;
    }

    /** A {@code message} frame's message reached one of its recipients at {@code now}. */
    void delivered(com.fasterxml.jackson.databind.JsonNode m, boolean toAgent, long now) {
        delivered(
                m.path("clientMsgId").asText(null), m.path("createdAt").asText(null), toAgent, now);
    }

    /** A message of this run reached one of its recipients at {@code now}. */
    void delivered(String clientMsgId, String createdAt, boolean toAgent, long now) {
        int n = number(clientMsgId);
        if (n < 0) {
            return;
        }
        delivered.incrementAndGet(n);
        long latency = now - intended[n];
        all.record(latency);
        (toAgent ? toAgents : toCustomers).record(latency);
        if (createdAt != null) {
            try {
                java.time.Instant stored = java.time.Instant.parse(createdAt);
                long storedNano =
                        stored.getEpochSecond() * 1_000_000_000L + stored.getNano() - wallMinusNano;
                toStored.record(storedNano - intended[n]);
                storedToDelivery.record(now - storedNano);
            } catch (java.time.format.DateTimeParseException ignored) {
                // no stage split for this one
            }
        }
    }

    void accepted(String clientMsgId, long now) {
        int n = number(clientMsgId);
        if (n >= 0) {
            accepted.record(now - intended[n]);
        }
    }

    int sent() {
        return Math.min(next.get(), intended.length);
    }

    /** Deliveries owed: the sum of every message's recipients. */
    long owed() {
        long sum = 0;
        for (int n = 0; n < sent(); n++) {
            sum += expected[n];
        }
        return sum;
    }

    /** Deliveries made, each message counted at most once per recipient it was owed to. */
    long made() {
        long sum = 0;
        for (int n = 0; n < sent(); n++) {
            sum += Math.min(delivered.get(n), expected[n]);
        }
        return sum;
    }

    /** Messages with more deliveries than recipients (a socket got one twice). */
    long overDelivered() {
        long sum = 0;
        for (int n = 0; n < sent(); n++) {
            sum += Math.max(0, delivered.get(n) - expected[n]);
        }
        return sum;
    }
}
