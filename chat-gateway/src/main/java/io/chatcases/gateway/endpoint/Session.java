package io.chatcases.gateway.endpoint;

import io.chatcases.events.MessageView;
import io.chatcases.gateway.routing.Audience;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One open socket: who holds it, what it has been sent per Case, and its limits. Messages go out in
 * seq order and never twice: each Case's stream remembers the last seq sent and buffers live
 * messages while a replay from case-service is in flight.
 */
public final class Session {
    final WebSocketConnection connection;
    final Audience.Listener listener;
    final RateLimiter limiter;
    private final long maxPending;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicInteger refusals = new AtomicInteger();
    private final Map<UUID, CaseStream> streams = new ConcurrentHashMap<>();

    /** The agent's access token ("Bearer ..."), refreshed by {@code auth} frames. */
    volatile String bearer;

    /** Agent profile for sends (id = token subject). */
    volatile String agentName;

    /** The Case the agent is in (solid tile, no badge), or null. */
    volatile UUID accessing;

    /** This socket's lease in the shared socket caps (endpoint/SocketLeases), once granted. */
    volatile UUID lease;

    /** Vert.x timer that closes a customer socket when its token expires (-1: none). */
    volatile long expiryTimer = -1;

    /** The one call this socket takes part in, or null (endpoint/Calls). */
    final java.util.concurrent.atomic.AtomicReference<Calls.Active> call =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** A customer socket's latest incoming offer (ringing), or null (endpoint/Calls). */
    volatile Calls.Active ringing;

    /** At most one relayed typing per Case every 2 s (endpoint/TypingRelay). */
    final TypingThrottle typing = new TypingThrottle();

    Session(
            WebSocketConnection connection,
            Audience.Listener listener,
            RateLimiter limiter,
            long maxPending) {
        this.connection = connection;
        this.listener = listener;
        this.limiter = limiter;
        this.maxPending = maxPending;
    }

    public String id() {
        return connection.id();
    }

    /**
     * Queues a frame. While the socket's outbound buffer stays full (the peer does not read), the
     * characters written count against {@code maxPending}; past it the socket is closed with 1013
     * (try again later) rather than growing memory, and the client resumes by seq on its next
     * connection. A buffer that drains resets the count, so a healthy reader's burst never trips.
     */
    public void send(String frame) {
        if (!connection.isOpen()) {
            return;
        }
        if (!WriteQueue.full(connection)) {
            pending.set(0);
        } else if (pending.addAndGet(frame.length()) > maxPending) {
            close(1013, "slow consumer: resume later");
            return;
        }
        connection.sendText(frame).subscribe().with(ok -> {}, failure -> {});
    }

    /** Counts a refused frame; true when the connection has abused its limits. */
    boolean refuse(int abuseLimit) {
        return refusals.incrementAndGet() > abuseLimit;
    }

    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {}, e -> {});
        }
    }

    CaseStream stream(UUID caseId) {
        return streams.computeIfAbsent(caseId, id -> new CaseStream());
    }

    /** What one socket has been sent of one Case's conversation. */
    static final class CaseStream {
        private long lastSent;
        private int replays;
        private final List<MessageView> buffered = new ArrayList<>();

        /** Live message: sent now unless a replay is running or it was sent already. */
        synchronized void live(MessageView message, Consumer<MessageView> out) {
            if (replays > 0) {
                buffered.add(message);
            } else if (seq(message) > lastSent) {
                lastSent = seq(message);
                out.accept(message);
            }
        }

        /**
         * A seq this socket is never sent (a private note on a customer's socket): when it is the
         * next one and no replay runs, the stream moves past it, so the following message is no
         * gap. Otherwise nothing changes and a gap, if any, is filled as usual.
         */
        synchronized void passOver(long seq) {
            if (replays == 0 && seq == lastSent + 1) {
                lastSent = seq;
            }
        }

        /** True when a live message skips seqs after what was sent (a gap to fill). */
        synchronized boolean gapBefore(MessageView message) {
            return replays == 0 && lastSent > 0 && seq(message) > lastSent + 1;
        }

        synchronized long beginReplay(long after) {
            replays++;
            lastSent = Math.max(lastSent, after);
            return lastSent;
        }

        /** Sends the replayed messages above what was sent, then what arrived live meanwhile. */
        synchronized void endReplay(List<MessageView> replayed, Consumer<MessageView> out) {
            replays--;
            List<MessageView> all = new ArrayList<>(replayed);
            if (replays == 0) {
                all.addAll(buffered);
                buffered.clear();
            }
            all.sort(Comparator.comparingLong(CaseStream::seq));
            for (MessageView m : all) {
                if (seq(m) > lastSent) {
                    lastSent = seq(m);
                    out.accept(m);
                }
            }
        }

        /**
         * A history reload (socket open, agent opening a Case): the client asked for the whole
         * recent conversation, so every replayed message goes into the one history frame, even
         * those sent live before; live messages after it continue from the highest seq.
         */
        synchronized void endHistory(List<MessageView> replayed, Consumer<List<MessageView>> out) {
            replays--;
            java.util.TreeMap<Long, MessageView> bySeq = new java.util.TreeMap<>();
            replayed.forEach(m -> bySeq.put(seq(m), m));
            if (replays == 0) {
                buffered.forEach(m -> bySeq.putIfAbsent(seq(m), m));
                buffered.clear();
            }
            if (!bySeq.isEmpty()) {
                lastSent = Math.max(lastSent, bySeq.lastKey());
            }
            out.accept(new ArrayList<>(bySeq.values()));
        }

        /** Holds live messages while a history reload is in flight (lastSent unchanged). */
        synchronized void beginHistory() {
            replays++;
        }

        /** After a resync the client reloads over REST: continue live from {@code seq}. */
        synchronized void skipTo(long seq) {
            lastSent = Math.max(lastSent, seq);
        }

        synchronized long lastSent() {
            return lastSent;
        }

        private static long seq(MessageView message) {
            return message.seq();
        }
    }
}
