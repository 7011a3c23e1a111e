package io.chatcases.gateway.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatcases.gateway.endpoint.Sessions;
import io.chatcases.gateway.presence.Presence;
import io.chatcases.gateway.presence.PresenceBoard;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.TypingSignal;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Ephemeral signals between replicas on chat.signals (short retention); nothing here is stored.
 * Three kinds of record, told apart by {@code kind}:
 *
 * <ul>
 *   <li>no {@code kind}: WebRTC signalling between a Support SDK customer and the Case's owner (key
 *       caseId): the frame the peer receives plus {@code to} (CUSTOMER or AGENT) and, for an agent,
 *       {@code agentId}; both are removed before delivery;
 *   <li>{@code typing} (key caseId): a {@link TypingSignal}; every replica delivers it to its own
 *       sockets the {@link io.chatcases.gateway.routing.Audience} picks, unless it is already older
 *       than the typing expiry;
 *   <li>{@code presence} (key replica): a replica's connected agents and their status, merged by
 *       every replica ({@link Presence}).
 * </ul>
 */
@ApplicationScoped
public class Signals {
    private static final Logger LOG = Logger.getLogger(Signals.class);

    @Inject
    @Channel("signals-out")
    MutinyEmitter<String> emitter;

    @Inject Sessions sessions;
    @Inject Presence presence;

    /** Record kinds ({@code kind}); call signals have none. */
    static final String TYPING = "typing";

    static final String PRESENCE = "presence";

    /**
     * Relays {@code signal} of {@code caseId} to the customer ({@code agentId} null) or to that
     * agent.
     */
    public Uni<Void> relay(UUID caseId, String agentId, CallSignal signal) {
        ObjectNode record = Frames.tree(signal.withCase(caseId));
        if (agentId == null) {
            record.put("to", "CUSTOMER");
        } else {
            record.put("to", "AGENT").put("agentId", agentId);
        }
        return send(caseId.toString(), record);
    }

    /** Relays a typing signal to every replica. */
    public Uni<Void> typing(TypingSignal typing) {
        ObjectNode record = Frames.JSON.valueToTree(typing);
        record.put("kind", TYPING);
        return send(typing.caseId().toString(), record);
    }

    /** Announces this replica's agents (see {@link Presence}). */
    public Uni<Void> presence(String replica, Map<String, PresenceBoard.Entry> agents) {
        ObjectNode record = Frames.JSON.createObjectNode().put("kind", PRESENCE);
        record.put("replica", replica).set("agents", Frames.JSON.valueToTree(agents));
        return send(replica, record);
    }

    private Uni<Void> send(String key, ObjectNode record) {
        return emitter.sendMessage(
                Message.of(record.toString())
                        .addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(key)
                                        .build()));
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<
                    Map<String, PresenceBoard.Entry>>
            AGENTS = new com.fasterxml.jackson.core.type.TypeReference<>() {};

    @Incoming("signals-in")
    public void deliver(String record) {
        try {
            ObjectNode signal = (ObjectNode) Frames.JSON.readTree(record);
            String kind = signal.path("kind").asText("");
            if (TYPING.equals(kind)) {
                TypingSignal typing = Frames.JSON.treeToValue(signal, TypingSignal.class);
                if (typing.fresh(System.currentTimeMillis())) {
                    sessions.deliverTyping(typing);
                }
                return;
            }
            if (PRESENCE.equals(kind)) {
                presence.announced(
                        signal.path("replica").asText(),
                        Frames.JSON.convertValue(signal.path("agents"), AGENTS));
                return;
            }
            String to = signal.remove("to").asText();
            String agentId = "AGENT".equals(to) ? signal.remove("agentId").asText() : null;
            CallSignal frame = (CallSignal) Frames.decode(signal);
            sessions.deliverSignal(frame.caseId(), agentId, frame);
        } catch (Exception e) {
            LOG.warnf("undeliverable signal skipped: %s", e.toString());
        }
    }
}
