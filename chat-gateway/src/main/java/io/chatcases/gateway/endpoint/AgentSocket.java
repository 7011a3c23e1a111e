package io.chatcases.gateway.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.MessageView;
import io.chatcases.events.Roles;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.client.AgentCaseApi;
import io.chatcases.gateway.protocol.Frames;
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
import java.util.Iterator;
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
    @RestClient AgentCaseApi cases;

    @OnOpen
    public void open(WebSocketConnection connection) {
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        Session s =
                sessions.open(
                        connection, Audience.Listener.agent(connection.id(), jwt.getSubject()));
        leases.agent(s, jwt.getSubject());
        useToken(s, jwt);
        s.send(
                Frames.frame(
                        "hello",
                        "agent",
                        Map.of(
                                "id", jwt.getSubject(),
                                "firstName", String.valueOf(jwt.<String>getClaim("given_name")),
                                "lastName", String.valueOf(jwt.<String>getClaim("family_name")),
                                "roles", identity.getRoles())));
        cases.tiles(s.bearer)
                .subscribe()
                .with(
                        tiles ->
                                s.send(
                                        Frames.frame(
                                                "tiles",
                                                "tiles",
                                                tiles.path("tiles"),
                                                "more",
                                                tiles.path("more"))),
                        failure -> Sends.openFailed(s, failure));
    }

    private static void useToken(Session s, JsonWebToken jwt) {
        s.bearer = "Bearer " + jwt.getRawToken();
        s.agentName =
                jwt.<String>getClaim("given_name") + " " + jwt.<String>getClaim("family_name");
    }

    @OnTextMessage
    public void onFrame(WebSocketConnection connection, String text) {
        Session s = sessions.get(connection);
        sends.receive(s, text, frame -> handle(s, frame));
    }

    @OnBinaryMessage
    public void onBinary(WebSocketConnection connection, io.vertx.core.buffer.Buffer bytes) {
        sends.receiveBinary(sessions.get(connection));
    }

    private void handle(Session s, JsonNode frame) {
        String type = frame.path("type").asText();
        String ref = Sends.ref(frame);
        switch (type) {
            case "send" ->
                    sends.send(
                            s,
                            Frames.uuid(frame, "caseId"),
                            frame,
                            new MessageView.Sender(
                                    SenderType.USER, s.listener.agentId(), s.agentName));
            case "open" -> {
                UUID caseId = Frames.uuid(frame, "caseId");
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
            }
            case "close" -> s.accessing = null;
            case "claim" -> caseCall(s, frame, ref, "claimed", cases::claim);
            case "resolve" -> caseCall(s, frame, ref, "resolved", cases::resolve);
            case "read" -> {
                UUID caseId = Frames.uuid(frame, "caseId");
                Long seq = frame.path("seq").isNumber() ? frame.path("seq").asLong() : null;
                reply(
                        s,
                        ref,
                        cases.read(s.bearer, caseId, new AgentCaseApi.ReadMark(seq))
                                .replaceWithVoid());
            }
            case "resume" -> {
                metrics.counter("chat.resumes", "kind", "agent").increment();
                int max = config.limits().maxResumeCases();
                if (frame.path("cases").size() > max) {
                    s.send(
                            Frames.error(
                                    "TOO_LARGE", "A resume names at most " + max + " Cases.", ref));
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> it = frame.path("cases").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    UUID caseId = parseUuid(e.getKey());
                    reply(s, ref, sessions.catchUp(s, caseId, e.getValue().asLong(0), false));
                }
            }
            case "auth" -> refresh(s, Frames.text(frame, "token"));
            case "call.offer", "call.ice", "call.end" -> call(s, type, frame, ref);
            default -> throw new Frames.BadFrame("Unknown frame type '" + type + "'.");
        }
    }

    /** A Case command answered with {@code answer {caseId, requestId, case}} or an error frame. */
    private void caseCall(
            Session s,
            JsonNode frame,
            String ref,
            String answer,
            java.util.function.BiFunction<String, UUID, Uni<JsonNode>> call) {
        UUID caseId = Frames.uuid(frame, "caseId");
        reply(
                s,
                ref,
                call.apply(s.bearer, caseId)
                        .invoke(
                                view ->
                                        s.send(
                                                Frames.frame(
                                                        answer,
                                                        "caseId",
                                                        caseId,
                                                        "requestId",
                                                        ref,
                                                        "case",
                                                        view)))
                        .replaceWithVoid());
    }

    /**
     * Call signalling from the owner of an open Support SDK Case to its customer; the offer and the
     * end are logged in the conversation.
     */
    private void call(Session s, String type, JsonNode frame, String ref) {
        UUID caseId = Frames.uuid(frame, "caseId");
        String callId = Frames.text(frame, "callId");
        String media = "call.offer".equals(type) ? Frames.text(frame, "media") : null;
        if ("call.offer".equals(type)) {
            Frames.text(frame, "sdp");
            if (!"audio".equals(media) && !"video".equals(media)) {
                throw new Frames.BadFrame("'media' is audio or video.");
            }
        }
        reply(
                s,
                ref,
                cases.get(s.bearer, caseId)
                        .invoke(
                                view -> {
                                    if (!s.listener
                                                    .agentId()
                                                    .equals(view.path("owner").path("id").asText())
                                            || !"READY".equals(view.path("status").asText())
                                            || !"SUPPORT_SDK"
                                                    .equals(view.path("channel").asText())) {
                                        throw new Sends.Refused(
                                                "FORBIDDEN",
                                                "Calls are for the owner of an open Support SDK Case.");
                                    }
                                })
                        .chain(() -> signals.relay(caseId, null, frame))
                        .chain(
                                () ->
                                        switch (type) {
                                            case "call.offer" ->
                                                    sends.logCall(
                                                            s,
                                                            caseId,
                                                            callId,
                                                            "start",
                                                            ("video".equals(media)
                                                                            ? "Video"
                                                                            : "Audio")
                                                                    + " call started by "
                                                                    + s.agentName);
                                            case "call.end" ->
                                                    sends.logCall(
                                                            s, caseId, callId, "end", "Call ended");
                                            default -> Uni.createFrom().voidItem();
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

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new Frames.BadFrame("Case ids are UUIDs.");
        }
    }

    private static void reply(Session s, String ref, Uni<Void> call) {
        call.subscribe().with(ok -> {}, failure -> s.send(Sends.errorFrame(failure, ref)));
    }

    @OnClose
    public void close(WebSocketConnection connection, CloseReason reason) {
        Session s = sessions.get(connection);
        if (s != null) {
            leases.release(s);
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
