package io.chatcases.gateway.endpoint;

import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.client.GatewayCaseApi;
import io.chatcases.gateway.policy.SocketPolicy;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.ClientFrame;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.protocol.ServerFrame;
import io.chatcases.gateway.routing.Audience;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The customer's socket (widget, Support SDK), bound to the one Case of its token. Opens with
 * {@code case} and {@code history}; any frame naming another Case is refused.
 */
@WebSocket(path = "/ws/customer", endpointId = CustomerSocket.ID)
public class CustomerSocket {
    static final String ID = "customer";
    private static final String BEARER = "Bearer ";

    @Inject Sessions sessions;
    @Inject Sends sends;
    @Inject CustomerTokens tokens;
    @Inject SocketLeases leases;
    @Inject io.vertx.core.Vertx vertx;
    @Inject MeterRegistry metrics;
    @RestClient GatewayCaseApi cases;
    @Inject io.chatcases.gateway.messaging.Signals signals;
    @Inject Calls calls;
    @Inject io.chatcases.gateway.client.CallReports reports;
    @Inject TypingRelay typing;

    /**
     * The customer token: query parameter {@code token}, or the Authorization header carried in
     * Sec-WebSocket-Protocol.
     */
    static String token(HttpServerRequest request) {
        String token = request.getParam("token");
        String header = request.getHeader("Authorization");
        if ((token == null || token.isBlank()) && header != null && header.startsWith(BEARER)) {
            token = header.substring(BEARER.length());
        }
        return token;
    }

    private CustomerTokens.Grant grantOf(HandshakeRequest handshake) {
        String token = handshake.query() == null ? null : queryToken(handshake.query());
        String header = handshake.header("Authorization");
        if (token == null && header != null && header.startsWith(BEARER)) {
            token = header.substring(BEARER.length());
        }
        return tokens.grant(token).orElseThrow();
    }

    private static String queryToken(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return java.net.URLDecoder.decode(
                        pair.substring(6), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        CustomerTokens.Grant grant = grantOf(connection.handshakeRequest());
        UUID caseId = grant.caseId();
        Session s = sessions.open(connection, Audience.Listener.customer(connection.id(), caseId));
        leases.customer(s, caseId);
        // The token's grant ends at its expiry, open socket or not: 1008, and a reconnect with the
        // same token is refused at the upgrade.
        long left = Math.max(1, Duration.between(Instant.now(), grant.expiresAt()).toMillis());
        s.expiryTimer = vertx.setTimer(left, id -> s.close(1008, "token expired"));
        cases.get(caseId)
                .invoke(view -> s.send(Frames.encode(new ServerFrame.Case(view))))
                .chain(view -> sessions.history(s, caseId, view, false))
                .subscribe()
                .with(ok -> {}, failure -> Sends.openFailed(s, failure));
    }

    @OnTextMessage
    public void onFrame(WebSocketConnection connection, String text) {
        Session s = sessions.get(connection);
        sends.receive(s, text, (frame, ref) -> handle(s, frame));
    }

    @OnBinaryMessage
    public void onBinary(WebSocketConnection connection, io.vertx.core.buffer.Buffer bytes) {
        sends.receiveBinary(sessions.get(connection));
    }

    private void handle(Session s, ClientFrame frame) {
        UUID caseId = SocketPolicy.caseOf(s.listener, frame);
        if (frame instanceof ClientFrame.Send send) {
            sends.send(s, caseId, send, new MessageView.Sender(SenderType.CUSTOMER, null, null));
        } else if (frame instanceof ClientFrame.Resume resume) {
            metrics.counter("chat.resumes", "kind", "customer").increment();
            long lastSeq = resume.lastSeq() == null ? 0 : resume.lastSeq();
            sessions.catchUp(s, caseId, lastSeq, false)
                    .subscribe()
                    .with(ok -> {}, f -> s.send(Sends.errorFrame(f, null)));
        } else if (frame instanceof CallSignal signal) {
            call(s, caseId, signal);
        } else if (frame instanceof ClientFrame.Typing) {
            typing.fromCustomer(s, caseId)
                    .subscribe()
                    .with(ok -> {}, f -> s.send(Sends.errorFrame(f, null)));
        }
    }

    /**
     * Call signalling from the Support SDK to the Case's owner; the answer and the end are reported
     * to case-service, which logs the call (client/CallReports).
     */
    private void call(Session s, UUID caseId, CallSignal signal) {
        cases.get(caseId)
                .invoke(view -> SocketPolicy.checkCall(s.listener, view))
                .invoke(
                        view -> {
                            if (signal instanceof CallSignal.Answer) {
                                calls.join(
                                        s,
                                        new Calls.Active(
                                                signal.callId(),
                                                caseId,
                                                Calls.ringingMedia(s, signal.callId()),
                                                view.owner().id()));
                            }
                        })
                .chain(
                        view ->
                                signals.relay(caseId, view.owner().id(), signal)
                                        .onFailure()
                                        .invoke(
                                                f -> {
                                                    // An answer the owner never got: not in it.
                                                    if (signal instanceof CallSignal.Answer) {
                                                        calls.left(s, signal.callId());
                                                    }
                                                }))
                .invoke(
                        () -> {
                            if (signal instanceof CallSignal.Answer) {
                                reports.started(caseId, signal.callId());
                            } else if (signal instanceof CallSignal.End end) {
                                calls.left(s, end.callId());
                                reports.ended(caseId, end.callId(), end.reason());
                            }
                        })
                .subscribe()
                .with(ok -> {}, f -> s.send(Sends.errorFrame(f, signal.callId())));
    }

    @OnClose
    public void close(WebSocketConnection connection, CloseReason reason) {
        Session s = sessions.get(connection);
        if (s != null) {
            leases.release(s);
            vertx.cancelTimer(s.expiryTimer);
            calls.closed(s);
        }
        sessions.closed(connection);
        metrics.counter(
                        "chat.sockets.closed",
                        "kind",
                        "customer",
                        "code",
                        String.valueOf(reason.getCode()))
                .increment();
    }
}
