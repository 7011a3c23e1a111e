package io.chatcases.gateway.endpoint;

import io.chatcases.events.CaseView;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.MessageView;
import io.chatcases.events.Roles;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.client.AgentCaseApi;
import io.chatcases.gateway.policy.Refused;
import io.chatcases.gateway.policy.SocketPolicy;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.ClientFrame;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.protocol.ServerFrame;
import io.chatcases.gateway.routing.Audience;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.WebSocketSecurity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The agent console's socket. The upgrade is authenticated with the agent's access token (carried
 * in Sec-WebSocket-Protocol by browsers); every Case operation goes to case-service with that same
 * token, so case-service alone decides what the agent may do.
 */
@WebSocket(path = "/ws/agent", endpointId = "agent")
@RolesAllowed(Roles.AGENT)
public class AgentSocket {
    private static final org.jboss.logging.Logger LOG =
            org.jboss.logging.Logger.getLogger(AgentSocket.class);
    @Inject Sessions sessions;
    @Inject SocketLeases leases;
    @Inject io.chatcases.gateway.config.GatewayConfig config;
    @Inject Sends sends;
    @Inject SecurityIdentity identity;
    @Inject MeterRegistry metrics;
    @Inject WebSocketSecurity security;
    @Inject io.chatcases.gateway.messaging.Signals signals;
    @Inject Calls calls;
    @Inject io.chatcases.gateway.client.CallReports reports;
    @RestClient AgentCaseApi cases;
    @Inject TypingRelay typing;
    @Inject io.chatcases.gateway.presence.Presence presence;

    @OnOpen
    public void open(WebSocketConnection connection) {
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        Session s =
                sessions.open(
                        connection, Audience.Listener.agent(connection.id(), jwt.getSubject()));
        useToken(s, jwt);
        s.send(
                Frames.encode(
                        new ServerFrame.Hello(
                                new ServerFrame.Agent(
                                        jwt.getSubject(),
                                        String.valueOf(jwt.<String>getClaim("given_name")),
                                        String.valueOf(jwt.<String>getClaim("family_name")),
                                        identity.getRoles()))));
        cases.tiles(s.bearer)
                .subscribe()
                .with(
                        tiles ->
                                s.send(
                                        Frames.encode(
                                                new ServerFrame.Tiles(
                                                        tiles.tiles(), tiles.more()))),
                        failure -> Sends.openFailed(s, failure));
        // After the first frames are on their way: neither may keep a console without its tiles.
        leases.agent(s, jwt.getSubject());
        try {
            presence.connected(jwt.getSubject());
        } catch (RuntimeException e) {
            LOG.warnf("presence of %s not announced: %s", jwt.getSubject(), e.toString());
        }
    }

    private static void useToken(Session s, JsonWebToken jwt) {
        s.bearer = "Bearer " + jwt.getRawToken();
        s.agentName =
                jwt.<String>getClaim("given_name") + " " + jwt.<String>getClaim("family_name");
    }

    @OnTextMessage
    public void onFrame(WebSocketConnection connection, String text) {
        Session s = sessions.get(connection);
        sends.receive(s, text, (frame, ref) -> handle(s, frame, ref));
    }

    @OnBinaryMessage
    public void onBinary(WebSocketConnection connection, io.vertx.core.buffer.Buffer bytes) {
        sends.receiveBinary(sessions.get(connection));
    }

    private void handle(Session s, ClientFrame frame, String ref) {
        if (frame instanceof ClientFrame.Send send) {
            sends.send(
                    s,
                    SocketPolicy.caseOf(s.listener, send),
                    send,
                    new MessageView.Sender(SenderType.USER, s.listener.agentId(), s.agentName));
        } else if (frame instanceof ClientFrame.Note note) {
            note(s, note);
        } else if (frame instanceof ClientFrame.Open open) {
            UUID caseId = open.caseId();
            reply(
                    s,
                    ref,
                    cases.get(s.bearer, caseId)
                            .call(view -> sessions.history(s, caseId, view, true))
                            .call(
                                    view ->
                                            cases.read(
                                                    s.bearer,
                                                    caseId,
                                                    new AgentCaseApi.ReadMark(null)))
                            .invoke(view -> s.accessing = caseId)
                            .replaceWithVoid());
        } else if (frame instanceof ClientFrame.Close) {
            s.accessing = null;
        } else if (frame instanceof ClientFrame.Claim claim) {
            caseCall(s, claim.caseId(), ref, ServerFrame.Claimed::new, cases::claim);
        } else if (frame instanceof ClientFrame.Resolve resolve) {
            caseCall(s, resolve.caseId(), ref, ServerFrame.Resolved::new, cases::resolve);
        } else if (frame instanceof ClientFrame.Read read) {
            reply(
                    s,
                    ref,
                    cases.read(s.bearer, read.caseId(), new AgentCaseApi.ReadMark(read.seq())));
        } else if (frame instanceof ClientFrame.Resume resume) {
            resume(s, resume, ref);
        } else if (frame instanceof ClientFrame.Auth auth) {
            refresh(s, auth.token());
        } else if (frame instanceof CallSignal signal) {
            call(s, signal, ref);
        } else if (frame instanceof ClientFrame.Typing) {
            reply(s, ref, typing.fromAgent(s, SocketPolicy.caseOf(s.listener, frame)));
        } else if (frame instanceof ClientFrame.Presence chosen) {
            presence.set(s.listener.agentId(), chosen.status());
        }
    }

    /**
     * A private note goes to case-service over REST with the agent's own token, not through
     * chat.ingest as a send does: whether the agent may see the Case (admins: every Case) is
     * case-service's rule on the token's roles, which an ingest command does not carry, and its
     * refusal (403, 404) answers this frame at once. The stored note comes back as a {@code
     * message} like any other, to the agents only (routing/Audience).
     */
    private void note(Session s, ClientFrame.Note note) {
        String clientMsgId = note.clientMsgId();
        sends.checkText(s, note.text(), clientMsgId)
                .ifPresent(
                        text ->
                                reply(
                                        s,
                                        clientMsgId,
                                        cases.note(
                                                        s.bearer,
                                                        note.caseId(),
                                                        new AgentCaseApi.NewNote(clientMsgId, text))
                                                .invoke(
                                                        stored ->
                                                                s.send(
                                                                        Frames.encode(
                                                                                new ServerFrame
                                                                                        .Accepted(
                                                                                        clientMsgId))))
                                                .replaceWithVoid()));
    }

    /** Catches up every Case the console names, each from its own last seq. */
    private void resume(Session s, ClientFrame.Resume resume, String ref) {
        metrics.counter("chat.resumes", "kind", "agent").increment();
        Map<UUID, Long> cases = resume.cases() == null ? Map.of() : resume.cases();
        int max = config.limits().maxResumeCases();
        if (cases.size() > max) {
            throw new Refused(ErrorCode.TOO_LARGE, "A resume names at most " + max + " Cases.");
        }
        cases.forEach(
                (caseId, lastSeq) ->
                        reply(
                                s,
                                ref,
                                sessions.catchUp(s, caseId, lastSeq == null ? 0 : lastSeq, false)));
    }

    /** The answer frame of a Case command: {@code claimed} or {@code resolved}. */
    private interface Answer {
        ServerFrame of(UUID caseId, String requestId, CaseView view);
    }

    /** A Case command answered with {@code answer {caseId, requestId, case}} or an error frame. */
    private void caseCall(
            Session s,
            UUID caseId,
            String ref,
            Answer answer,
            java.util.function.BiFunction<String, UUID, Uni<CaseView>> call) {
        reply(
                s,
                ref,
                call.apply(s.bearer, caseId)
                        .invoke(view -> s.send(Frames.encode(answer.of(caseId, ref, view))))
                        .replaceWithVoid());
    }

    /**
     * Call signalling from the owner of a READY Support SDK Case to its customer (SocketPolicy);
     * the offer and the end are reported to case-service, which logs the call (client/CallReports).
     */
    private void call(Session s, CallSignal signal, String ref) {
        UUID caseId = SocketPolicy.caseOf(s.listener, signal);
        // A refused signal is answered with ref = its requestId, else its callId (as customers').
        reply(
                s,
                ref != null ? ref : signal.callId(),
                cases.get(s.bearer, caseId)
                        .invoke(view -> SocketPolicy.checkCall(s.listener, view))
                        .invoke(
                                view -> {
                                    if (signal instanceof CallSignal.Offer offer) {
                                        calls.join(
                                                s,
                                                new Calls.Active(
                                                        offer.callId(),
                                                        caseId,
                                                        offer.media(),
                                                        null));
                                    }
                                })
                        .call(
                                () ->
                                        signal instanceof CallSignal.Offer offer
                                                ? reports.offered(
                                                        caseId, offer.callId(), offer.media())
                                                : Uni.createFrom().voidItem())
                        .chain(
                                () ->
                                        signals.relay(caseId, null, signal)
                                                .onFailure()
                                                .invoke(
                                                        f -> {
                                                            if (signal
                                                                    instanceof CallSignal.Offer) {
                                                                calls.left(s, signal.callId());
                                                            }
                                                        }))
                        .invoke(
                                () -> {
                                    if (signal instanceof CallSignal.End end) {
                                        calls.left(s, end.callId());
                                        reports.ended(caseId, end.callId(), end.reason());
                                    }
                                }));
    }

    /**
     * A newer access token from the console's refresh. Quarkus closes the socket (1008) when the
     * connection's identity expires; updating the identity keeps it open. A token of another user
     * or an invalid one closes the socket.
     */
    private void refresh(Session s, String token) {
        security.updateSecurityIdentity(token)
                .whenComplete(
                        (id, failure) -> {
                            JsonWebToken jwt =
                                    failure == null && id.getPrincipal() instanceof JsonWebToken t
                                            ? t
                                            : null;
                            if (jwt == null
                                    || !jwt.getSubject().equals(s.listener.agentId())
                                    || !id.hasRole(Roles.AGENT)) {
                                LOG.infof("token refresh refused on %s: %s", s.id(), failure);
                                s.close(1008, "invalid token");
                                return;
                            }
                            useToken(s, jwt);
                        });
    }

    private static void reply(Session s, String ref, Uni<Void> call) {
        call.subscribe().with(ok -> {}, failure -> s.send(Sends.errorFrame(failure, ref)));
    }

    @OnClose
    public void close(WebSocketConnection connection, CloseReason reason) {
        Session s = sessions.get(connection);
        if (s != null) {
            leases.release(s);
            calls.closed(s);
            presence.disconnected(s.listener.agentId());
        }
        sessions.closed(connection);
        metrics.counter(
                        "chat.sockets.closed",
                        "kind",
                        "agent",
                        "code",
                        String.valueOf(reason.getCode()))
                .increment();
    }
}
