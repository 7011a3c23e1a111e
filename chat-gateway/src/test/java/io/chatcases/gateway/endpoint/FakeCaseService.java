package io.chatcases.gateway.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.MessageKind;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.protocol.ServerFrame;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

/**
 * case-service for the socket tests, answering only what the real one answers: the records of
 * chat-events as bodies, 401 without a token, 404 for a Case it does not hold, 403 for an agent
 * asking for a Case another agent owns (CaseTransitions.mayRead), 409 ALREADY_CLAIMED for a claim
 * of a Case someone else owns. Tokens are read, not verified: the gateway has verified them already
 * (agents) or fetched them (service).
 */
public class FakeCaseService implements QuarkusTestResourceLifecycleManager {
    /** Cases it holds; each has two messages. Tests add theirs before they connect. */
    static final Map<UUID, CaseView> CASES = new ConcurrentHashMap<>();

    private HttpServer server;

    static CaseView add(Channel channel, CaseStatus status, String ownerId) {
        UUID id = UUID.randomUUID();
        CaseView view =
                new CaseView(
                        id,
                        CASES.size() + 1,
                        channel,
                        status,
                        ownerId == null ? null : new CaseView.Person(ownerId, "Alice", "Anderson"),
                        new CaseView.ContactView(UUID.randomUUID(), "Cleo", "Customer", "CC", null),
                        Instant.parse("2026-01-01T10:00:00Z"),
                        2,
                        false);
        CASES.put(id, view);
        return view;
    }

    static MessageView message(UUID caseId, long seq, String text) {
        return new MessageView(
                caseId,
                seq,
                UUID.nameUUIDFromBytes((caseId + "/" + seq).getBytes(StandardCharsets.UTF_8)),
                "m" + seq,
                MessageKind.TEXT,
                new MessageView.Sender(SenderType.CUSTOMER, null, null),
                text,
                null,
                Instant.parse("2026-01-01T10:00:00Z").plusSeconds(seq));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of(
                "gateway.upstreams.case-service",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String[] path = x.getRequestURI().getPath().split("/");
            JsonNode token = claims(x.getRequestHeaders().getFirst("Authorization"));
            if (token == null) {
                problem(x, 401, "UNAUTHORIZED", "A bearer token is required.");
                return;
            }
            boolean service =
                    token.path("realm_access").path("roles").toString().contains("\"service\"");
            String agent = token.path("sub").asText();
            if (path.length == 2 && "tiles".equals(path[1])) {
                List<ServerFrame.Tile> tiles =
                        CASES.values().stream()
                                .filter(c -> mayRead(c, agent, false))
                                .map(c -> new ServerFrame.Tile(c, "green", false))
                                .toList();
                json(x, 200, Map.of("tiles", tiles, "more", 0));
                return;
            }
            if (path.length < 3 || !"cases".equals(path[1])) {
                problem(x, 404, "NOT_FOUND", "No such resource.");
                return;
            }
            CaseView kase = CASES.get(UUID.fromString(path[2]));
            if (kase == null) {
                problem(x, 404, "NOT_FOUND", "No Case " + path[2] + ".");
                return;
            }
            String action = path.length > 3 ? path[3] : "";
            if ("calls".equals(action) && path.length == 5 && "POST".equals(x.getRequestMethod())) {
                call(x, kase, path[4], service);
                return;
            }
            if ("claim".equals(action)) {
                // As the real claim: one conditional update, no visibility check.
                if (kase.status() == CaseStatus.NEW || mayRead(kase, agent, false)) {
                    json(x, 200, kase);
                } else {
                    problem(x, 409, "ALREADY_CLAIMED", "Case " + kase.number() + " was claimed.");
                }
                return;
            }
            if (!mayRead(kase, agent, service)) {
                problem(
                        x,
                        403,
                        "FORBIDDEN",
                        "Case " + kase.number() + " belongs to another agent.");
                return;
            }
            switch (action) {
                case "" -> json(x, 200, kase);
                case "messages" ->
                        json(
                                x,
                                200,
                                LongStream.rangeClosed(1, kase.lastSeq())
                                        .mapToObj(
                                                seq -> message(kase.caseId(), seq, "hello " + seq))
                                        .toList());
                case "read" -> json(x, 200, Map.of("caseId", kase.caseId(), "seq", kase.lastSeq()));
                case "transcript" -> transcript(x, kase);
                default -> problem(x, 404, "NOT_FOUND", "No such resource.");
            }
        } catch (RuntimeException e) {
            problem(x, 500, "INTERNAL", e.toString());
        }
    }

    /** Call reports as the gateway sent them: "callId EVENT reason", in order. */
    static final List<String> REPORTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Calls offered so far (caseId/callId). */
    private static final java.util.Set<String> OFFERED = ConcurrentHashMap.newKeySet();

    /**
     * As case-service's CallResource (contracts/chat-gateway-case-service/report-call-*): services
     * only; OFFERED on an owned READY Support SDK Case; STARTED and ENDED of an offered call.
     */
    private static void call(HttpExchange x, CaseView kase, String callId, boolean service)
            throws IOException {
        if (!service) {
            problem(x, 403, "FORBIDDEN", "Services only.");
            return;
        }
        JsonNode body = Frames.JSON.readTree(x.getRequestBody());
        String event = body.path("event").asText();
        REPORTS.add(callId + " " + event + " " + body.path("reason").asText("-"));
        String key = kase.caseId() + "/" + callId;
        if ("OFFERED".equals(event)) {
            if (kase.channel() != Channel.SUPPORT_SDK
                    || kase.status() != CaseStatus.READY
                    || kase.owner() == null) {
                problem(x, 409, "CONFLICT", "Case " + kase.number() + " cannot have calls.");
                return;
            }
            OFFERED.add(key);
        } else if (!OFFERED.contains(key)) {
            problem(x, 404, "NOT_FOUND", "No such call on Case " + kase.number() + ".");
            return;
        }
        json(
                x,
                200,
                Frames.JSON
                        .createObjectNode()
                        .put("caseId", kase.caseId().toString())
                        .put("callId", callId)
                        .put("media", body.path("media").asText("video")));
    }

    private static boolean mayRead(CaseView c, String agent, boolean seesAll) {
        return seesAll
                || c.status() == CaseStatus.NEW
                || (c.owner() != null && c.owner().id().equals(agent));
    }

    private static JsonNode claims(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            String payload = authorization.substring(7).split("\\.")[1];
            return Frames.JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (Exception e) {
            return null;
        }
    }

    private static void problem(HttpExchange x, int status, String code, String detail)
            throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(x, status, Map.of("status", status, "title", code, "detail", detail, "code", code));
    }

    /** As case-service's TranscriptResource: UTF-8 text, attachment chat-<number>.txt. */
    static String transcriptOf(CaseView kase) {
        return "Chat Cases transcript: Case " + kase.number() + "\nCustomer: D\u00e9na\n";
    }

    private static void transcript(HttpExchange x, CaseView kase) throws IOException {
        byte[] bytes = transcriptOf(kase).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.getResponseHeaders()
                .set(
                        "Content-Disposition",
                        "attachment; filename=\"chat-" + kase.number() + ".txt\"");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json");
        send(x, status, body);
    }

    private static void send(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = Frames.JSON.writeValueAsBytes(body);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }
}
