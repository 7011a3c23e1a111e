package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated customers and agents chatting through the lab's gateways, as a careful client does:
 * every send carries a clientMsgId and is sent again, with the same id, until it is acknowledged; a
 * closed socket reconnects (to whichever replica answers) and resumes from the last seq it holds;
 * messages are de-duplicated by seq. {@link #verify} then checks every participant's transcript
 * against what case-service stored.
 */
final class Traffic implements AutoCloseable {
    static final List<String> AGENTS = List.of("alice", "bob", "carol");
    private static final WebSocketClient CLIENT =
            Ws.VERTX.createWebSocketClient(
                    new WebSocketClientOptions()
                            .setMaxFrameSize(1 << 20)
                            .setMaxMessageSize(1 << 22)
                            .setConnectTimeout(3000));

    /** An unacknowledged send is sent again after this long without an answer. */
    private static final long RESEND_AFTER_MS = 3000;

    final int[] gateways;
    final List<Peer> customers = new ArrayList<>();
    final Map<String, Peer> agents = new LinkedHashMap<>();

    /** caseId -> owner (claimed Cases only). */
    final Map<String, String> owners = new ConcurrentHashMap<>();

    final List<String> caseIds = new ArrayList<>();
    private final List<Runnable> speakers = new ArrayList<>();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private volatile boolean sending;
    private volatile long healedAt;

    /** One person's client: a customer (one Case) or an agent (many), one socket at a time. */
    final class Peer {
        final String name;
        final boolean agent;
        final String caseId;
        final String customerToken;
        volatile WebSocket socket;
        volatile int gatewayIndex;
        volatile long closedAt;
        volatile int generation;
        volatile String lastFailure;
        final Map<String, TreeMap<Long, JsonNode>> transcript = new ConcurrentHashMap<>();
        final Map<String, Pending> unacked = new ConcurrentHashMap<>();
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
        final AtomicLong redelivered = new AtomicLong();
        final AtomicLong sameSocketDuplicates = new AtomicLong();
        final AtomicLong resends = new AtomicLong();
        final AtomicLong resyncs = new AtomicLong();
        final List<Long> reconnectMillis = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final Map<String, Set<Long>> onThisSocket = new ConcurrentHashMap<>();

        Peer(String name, boolean agent, String caseId, String customerToken, int gatewayIndex) {
            this.name = name;
            this.agent = agent;
            this.caseId = caseId;
            this.customerToken = customerToken;
            this.gatewayIndex = gatewayIndex;
        }

        void connect() {
            int port = gateways[Math.floorMod(gatewayIndex, gateways.length)];
            WebSocketConnectOptions options =
                    agent
                            ? Ws.agentOptions(port, Tokens.of(name))
                            : Ws.customerOptions(port, customerToken, "http://localhost:8080");
            options.setHost("127.0.0.1");
            CLIENT.connect(options)
                    .onComplete(
                            ar -> {
                                if (ar.failed()) {
                                    lastFailure = port + ": " + ar.cause();
                                    gatewayIndex++; // the other replica, as a load balancer would
                                    later(this::connect, 200 + jitter(300));
                                    return;
                                }
                                opened(ar.result());
                            });
        }

        private void opened(WebSocket ws) {
            int gen = ++generation;
            onThisSocket.clear();
            ws.textMessageHandler(text -> frame(gen, text));
            ws.closeHandler(v -> closed(ws));
            socket = ws;
            if (closedAt > 0) {
                reconnectMillis.add((System.nanoTime() - closedAt) / 1_000_000);
                closedAt = 0;
            }
            if (agent) {
                Map<String, Long> resume = new LinkedHashMap<>();
                transcript.forEach((c, t) -> resume.put(c, lastContiguous(t)));
                if (!resume.isEmpty()) {
                    write(ws, "type", "resume", "cases", resume);
                }
                reopen();
            } else {
                TreeMap<Long, JsonNode> mine = transcript.get(caseId);
                if (mine != null) {
                    write(ws, "type", "resume", "lastSeq", lastContiguous(mine));
                }
            }
            resendAll(ws);
        }

        /** A reopen is scheduled (one at a time). */
        private final java.util.concurrent.atomic.AtomicBoolean reopenPending =
                new java.util.concurrent.atomic.AtomicBoolean();

        /** Opens (loads the history of) every owned Case this agent does not hold from seq 1. */
        private void reopen() {
            WebSocket ws = socket;
            if (ws == null) {
                return; // the next connect opens them
            }
            owners.forEach(
                    (c, owner) -> {
                        if (owner.equals(name)
                                && !transcript.getOrDefault(c, new TreeMap<>()).containsKey(1L)) {
                            write(ws, "type", "open", "caseId", c);
                        }
                    });
        }

        private void closed(WebSocket ws) {
            if (socket != ws) {
                return;
            }
            Short code = ws.closeStatusCode();
            closeCodes.merge(code == null ? -1 : (int) code, 1L, Long::sum);
            socket = null;
            closedAt = System.nanoTime();
            later(this::connect, 100 + jitter(400));
        }

        private void frame(int gen, String text) {
            JsonNode f = Platform.json(text);
            switch (f.path("type").asText()) {
                case "accepted" -> {
                    String id = f.path("clientMsgId").asText();
                    if (unacked.remove(id) != null) {
                        acked.add(id);
                    }
                }
                case "error" -> {
                    String code = f.path("code").asText();
                    Pending p = unacked.get(f.path("ref").asText());
                    if (p != null && ("UNAVAILABLE".equals(code) || "RATE_LIMITED".equals(code))) {
                        p.lastSent = System.nanoTime(); // resent after the usual wait
                    } else if (agent && "UNAVAILABLE".equals(code)) {
                        // A history load failed: load again, once for a burst of failures (one
                        // reopen per failure flooded the socket past its frame rate while
                        // case-service was down: RATE_LIMITED, as a real console never would).
                        if (reopenPending.compareAndSet(false, true)) {
                            later(
                                    () -> {
                                        reopenPending.set(false);
                                        reopen();
                                    },
                                    1000);
                        }
                    } else {
                        unexpected.add(text);
                    }
                }
                case "message" -> record(gen, f.path("message"), true);
                case "history" -> f.path("messages").forEach(m -> record(gen, m, false));
                case "resync" -> {
                    resyncs.incrementAndGet();
                    WebSocket ws = socket;
                    if (ws != null) {
                        if (agent) {
                            write(ws, "type", "open", "caseId", f.path("caseId").asText());
                        } else {
                            ws.close(); // a new socket starts with the history
                        }
                    }
                }
                default -> {
                    // case, tiles, hello, read, ...: not part of the transcript
                }
            }
        }

        private void record(int gen, JsonNode m, boolean live) {
            String c = m.path("caseId").asText();
            long seq = m.path("seq").asLong();
            if (live
                    && gen == generation
                    && !onThisSocket
                            .computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet())
                            .add(seq)) {
                sameSocketDuplicates.incrementAndGet();
            }
            if (!live) {
                onThisSocket.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).add(seq);
            }
            TreeMap<Long, JsonNode> t = transcript.computeIfAbsent(c, k -> new TreeMap<>());
            synchronized (t) {
                if (t.putIfAbsent(seq, m) != null) {
                    if (live) {
                        redelivered.incrementAndGet();
                    }
                    return;
                }
            }
            String id = m.path("clientMsgId").asText(null);
            if (id != null) {
                deliveredAt.putIfAbsent(c + "/" + id, System.nanoTime());
            }
        }

        void send(String toCase) {
            String id = run + "-" + ids.incrementAndGet();
            Pending p = new Pending(toCase, id, "m " + id);
            unacked.put(id, p);
            firstSent.put(toCase + "/" + id, System.nanoTime());
            caseOf.put(id, toCase);
            WebSocket ws = socket;
            if (ws != null) {
                write(ws, p.frame(agent));
                p.lastSent = System.nanoTime();
            }
        }

        /** On a new socket: the first unacknowledged sends at once (within the burst of 20). */
        private void resendAll(WebSocket ws) {
            for (Pending p : unacked.values().stream().limit(10).toList()) {
                write(ws, p.frame(agent));
                p.lastSent = System.nanoTime();
                resends.incrementAndGet();
            }
        }

        void resendStale() {
            WebSocket ws = socket;
            if (ws == null) {
                return;
            }
            int budget = 1; // 2 a second: well under the socket's 5 while catching up
            for (Pending p : unacked.values()) {
                if (budget > 0 && System.nanoTime() - p.lastSent > RESEND_AFTER_MS * 1_000_000) {
                    write(ws, p.frame(agent));
                    p.lastSent = System.nanoTime();
                    resends.incrementAndGet();
                    budget--;
                }
            }
        }

        /** The Cases whose messages this peer must end up holding. */
        boolean follows(String c) {
            if (!agent) {
                return c.equals(caseId);
            }
            String owner = owners.get(c);
            return owner == null || owner.equals(name);
        }
    }

    static final class Pending {
        final String caseId;
        final String clientMsgId;
        final String text;
        volatile long lastSent;

        Pending(String caseId, String clientMsgId, String text) {
            this.caseId = caseId;
            this.clientMsgId = clientMsgId;
            this.text = text;
        }

        Map<String, Object> frame(boolean agent) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "send");
            if (agent) {
                f.put("caseId", caseId);
            }
            f.put("clientMsgId", clientMsgId);
            f.put("text", text);
            return f;
        }
    }

    /** Close codes of the sockets that closed under the clients (-1: no close frame). */
    private final Map<Integer, Long> closeCodes = new ConcurrentHashMap<>();

    /** caseId/clientMsgId -> when it was first sent. */
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();

    /** clientMsgId -> its Case. */
    private final Map<String, String> caseOf = new ConcurrentHashMap<>();

    /**
     * Starts {@code cases} chats through the first gateway, has the agents claim {@code claimed} of
     * them, and connects every customer and agent, spread over the gateways.
     */
    Traffic(int[] gateways, int cases, int claimed) {
        this.gateways = gateways;
        for (int i = 0; i < cases; i++) {
            Platform.Chat chat =
                    Platform.startChatAt(
                            gateways[0],
                            "lab-" + run + "-" + i + "@example.com",
                            "Lab",
                            "Customer" + i,
                            "WEB_CONNECT");
            caseIds.add(chat.caseId());
            if (i < claimed) {
                String owner = AGENTS.get(i % AGENTS.size());
                int status =
                        Platform.post(
                                        gateways[i % gateways.length],
                                        "/api/cases/" + chat.caseId() + "/claim",
                                        "{}",
                                        Tokens.of(owner))
                                .statusCode();
                assertEquals(200, status, "claim");
                owners.put(chat.caseId(), owner);
            }
            customers.add(new Peer("customer" + i, false, chat.caseId(), chat.customerToken(), i));
        }
        for (int i = 0; i < AGENTS.size(); i++) {
            agents.put(AGENTS.get(i), new Peer(AGENTS.get(i), true, null, null, i));
        }
        agents.values().forEach(Peer::connect);
        customers.forEach(Peer::connect);
        try {
            Lab.await(
                    "every client connected",
                    Duration.ofSeconds(30),
                    () -> all().stream().allMatch(p -> p.socket != null));
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage()
                            + "; "
                            + all().stream()
                                    .filter(p -> p.socket == null)
                                    .map(p -> p.name + " " + p.lastFailure)
                                    .limit(5)
                                    .toList());
        }
        Lab.await(
                "the owners hold their Cases' history",
                Duration.ofSeconds(30),
                () ->
                        owners.entrySet().stream()
                                .allMatch(
                                        e ->
                                                agents.get(e.getValue())
                                                        .transcript
                                                        .containsKey(e.getKey())));
        for (Peer c : customers) {
            speakers.add(() -> c.send(c.caseId));
            String owner = owners.get(c.caseId);
            if (owner != null) {
                Peer a = agents.get(owner);
                speakers.add(() -> a.send(c.caseId));
            }
        }
        clock.scheduleWithFixedDelay(
                () -> all().forEach(Peer::resendStale), 500, 500, TimeUnit.MILLISECONDS);
    }

    /** {@code agent} claims a waiting Case through {@code port} and opens it (its history). */
    int claim(int port, String caseId, String agent) {
        int status =
                Platform.post(port, "/api/cases/" + caseId + "/claim", "{}", Tokens.of(agent))
                        .statusCode();
        if (status == 200) {
            owners.put(caseId, agent);
            Peer a = agents.get(agent);
            WebSocket ws = a.socket;
            if (ws != null) {
                write(ws, "type", "open", "caseId", caseId);
            }
        }
        return status;
    }

    List<Peer> all() {
        List<Peer> out = new ArrayList<>(customers);
        out.addAll(agents.values());
        return out;
    }

    /** Sends {@code perSecond} messages a second in all, round robin over the speakers. */
    void start(int perSecond) {
        sending = true;
        long period = 1_000_000 / perSecond;
        clock.scheduleAtFixedRate(
                () -> {
                    if (sending) {
                        speakers.get(Math.floorMod(turn.getAndIncrement(), speakers.size())).run();
                    }
                },
                0,
                period,
                TimeUnit.MICROSECONDS);
    }

    /** The last fault is healed: recovery is timed from here. */
    void healed() {
        healedAt = System.nanoTime();
    }

    /** What {@link #verify} found. */
    record Report(
            int cases,
            int sockets,
            long sent,
            long acknowledged,
            long stored,
            long resends,
            long redelivered,
            long reconnects,
            long reconnectMaxMs,
            long resyncs,
            double recoverySeconds) {
        @Override
        public String toString() {
            return String.format(
                    "cases=%d sockets=%d sent=%d acknowledged=%d stored=%d resends=%d"
                            + " duplicates-on-wire=%d duplicates-in-transcripts=0 stored-twice=0"
                            + " reconnects=%d (max %d ms) resyncs=%d recovery=%.1f s",
                    cases,
                    sockets,
                    sent,
                    acknowledged,
                    stored,
                    resends,
                    redelivered,
                    reconnects,
                    reconnectMaxMs,
                    resyncs,
                    recoverySeconds);
        }
    }

    /**
     * Stops new sends, waits until every send is acknowledged and every participant holds every
     * stored message, then checks: each acknowledged message stored exactly once, seqs contiguous,
     * every transcript equal to the stored conversation, no seq twice on one socket.
     */
    Report verify(String scenario) {
        sending = false;
        Lab.await(
                scenario + ": every send acknowledged",
                Duration.ofSeconds(90),
                () -> all().stream().allMatch(p -> p.unacked.isEmpty()));
        Map<String, Set<String>> ackedByCase = new HashMap<>();
        for (Peer p : all()) {
            for (String id : p.acked) {
                ackedByCase
                        .computeIfAbsent(firstSentCase(id), k -> new java.util.HashSet<>())
                        .add(id);
            }
        }
        Map<String, JsonNode> stored = new HashMap<>();
        // Acknowledged means on the broker; stored follows within the ingest's own time.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String c : caseIds) {
            Set<String> want = ackedByCase.getOrDefault(c, Set.of());
            while (true) {
                JsonNode messages = stored(c);
                stored.put(c, messages);
                Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < messages.size(); i++) {
                    JsonNode m = messages.get(i);
                    assertEquals(
                            i + 1, m.path("seq").asLong(), scenario + ": contiguous seqs in " + c);
                    String id = m.path("clientMsgId").asText(null);
                    if (id != null) {
                        assertTrue(seen.add(id), scenario + ": " + id + " stored twice in " + c);
                    }
                }
                List<String> lost = want.stream().filter(id -> !seen.contains(id)).toList();
                if (lost.isEmpty()) {
                    break;
                }
                assertTrue(
                        System.nanoTime() < deadline,
                        scenario + ": acknowledged but never stored in " + c + ": " + lost);
                Ws.sleep(300);
            }
        }
        try {
            Lab.await(
                    scenario + ": every participant holds every stored message",
                    Duration.ofSeconds(60),
                    () -> missing(stored).isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; missing: " + abbreviate(missing(stored)));
        }
        for (Peer p : all()) {
            for (Map.Entry<String, TreeMap<Long, JsonNode>> e : p.transcript.entrySet()) {
                JsonNode s = stored.get(e.getKey());
                if (s == null) {
                    continue;
                }
                synchronized (e.getValue()) {
                    e.getValue()
                            .forEach(
                                    (seq, m) ->
                                            assertEquals(
                                                    s.get((int) (seq - 1)).path("id").asText(),
                                                    m.path("id").asText(),
                                                    scenario + ": " + p.name + " seq " + seq));
                }
            }
            assertEquals(
                    0,
                    p.sameSocketDuplicates.get(),
                    scenario + ": a seq twice on one socket of " + p.name);
            assertEquals(List.of(), p.unexpected, scenario + ": unexpected frames to " + p.name);
        }
        long sent = firstSent.size();
        long ackCount = all().stream().mapToLong(p -> p.acked.size()).sum();
        long storedCount = stored.values().stream().mapToLong(JsonNode::size).sum();
        List<Long> reconnects = new ArrayList<>();
        all().forEach(p -> reconnects.addAll(p.reconnectMillis));
        Report r =
                new Report(
                        caseIds.size(),
                        customers.size() + agents.size(),
                        sent,
                        ackCount,
                        storedCount,
                        all().stream().mapToLong(p -> p.resends.get()).sum(),
                        all().stream().mapToLong(p -> p.redelivered.get()).sum(),
                        reconnects.size(),
                        reconnects.isEmpty() ? 0 : Collections.max(reconnects),
                        all().stream().mapToLong(p -> p.resyncs.get()).sum(),
                        recoverySeconds());
        System.out.println(
                "[faults] "
                        + scenario
                        + ": "
                        + r
                        + (closeCodes.isEmpty() ? "" : " closes=" + closeCodes));
        return r;
    }

    /** A Case's stored conversation, as an admin reads it. */
    JsonNode stored(String caseId) {
        return Platform.json(
                Platform.get(
                                gateways[0],
                                "/api/cases/" + caseId + "/messages?limit=500",
                                Tokens.of("admin"))
                        .body());
    }

    private String firstSentCase(String id) {
        return caseOf.getOrDefault(id, "");
    }

    /** peer -> seqs it should hold but does not (empty when everyone is complete). */
    private Map<String, List<Long>> missing(Map<String, JsonNode> stored) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (Peer p : all()) {
            for (String c : caseIds) {
                if (!p.follows(c)) {
                    continue;
                }
                TreeMap<Long, JsonNode> t = p.transcript.getOrDefault(c, new TreeMap<>());
                long from;
                synchronized (t) {
                    // An agent of an unclaimed Case holds what arrived since it first saw the Case.
                    from = p.agent && !owners.containsKey(c) && !t.isEmpty() ? t.firstKey() : 1;
                    for (long seq = from; seq <= stored.get(c).size(); seq++) {
                        if (!t.containsKey(seq)) {
                            out.computeIfAbsent(p.name + "@" + c, k -> new ArrayList<>()).add(seq);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** "peer@case: first..last (n)" per incomplete transcript. */
    private static String abbreviate(Map<String, List<Long>> m) {
        StringBuilder b = new StringBuilder(m.size() + " incomplete:");
        m.forEach(
                (k, seqs) ->
                        b.append(' ')
                                .append(k, 0, Math.min(k.length(), k.indexOf('@') + 9))
                                .append(": ")
                                .append(seqs.get(0))
                                .append("..")
                                .append(seqs.get(seqs.size() - 1))
                                .append(" (")
                                .append(seqs.size())
                                .append(')'));
        return b.length() > 3000 ? b.substring(0, 3000) + "..." : b.toString();
    }

    /**
     * Seconds from {@link #healed()} until the last message sent before it reached its last
     * recipient (customer, and owner or, for a waiting Case, every agent).
     */
    private double recoverySeconds() {
        if (healedAt == 0) {
            return 0;
        }
        long last = healedAt;
        for (Map.Entry<String, Long> e : firstSent.entrySet()) {
            if (e.getValue() > healedAt) {
                continue;
            }
            String c = e.getKey().substring(0, e.getKey().indexOf('/'));
            for (Peer p : all()) {
                if (p.follows(c)) {
                    Long at = p.deliveredAt.get(e.getKey());
                    if (at != null) {
                        last = Math.max(last, at);
                    }
                }
            }
        }
        return (last - healedAt) / 1e9;
    }

    /** The end of the first run of seqs this peer holds (where a resume continues). */
    private static long lastContiguous(TreeMap<Long, JsonNode> t) {
        synchronized (t) {
            if (t.isEmpty()) {
                return 0;
            }
            long last = t.firstKey() - 1;
            for (long seq : t.keySet()) {
                if (seq != last + 1) {
                    break;
                }
                last = seq;
            }
            return last;
        }
    }

    private static void write(WebSocket ws, Object... fields) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            f.put((String) fields[i], fields[i + 1]);
        }
        write(ws, f);
    }

    private static void write(WebSocket ws, Map<String, Object> frame) {
        try {
            ws.writeTextMessage(Ws.JSON.writeValueAsString(frame));
        } catch (Exception e) {
            // the socket died under us: the close handler reconnects and resends
        }
    }

    private void later(Runnable r, long ms) {
        if (!clock.isShutdown()) {
            clock.schedule(r, ms, TimeUnit.MILLISECONDS);
        }
    }

    private static long jitter(int max) {
        return ThreadLocalRandom.current().nextInt(max);
    }

    @Override
    public void close() {
        sending = false;
        clock.shutdownNow();
        all().forEach(
                        p -> {
                            WebSocket ws = p.socket;
                            p.socket = null;
                            if (ws != null) {
                                ws.close();
                            }
                        });
    }
}
