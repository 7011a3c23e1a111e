package io.chatcases.gateway.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatcases.gateway.endpoint.Sessions;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.Frames;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * WebRTC signalling between a Support SDK customer and the Case's owner, who may hold sockets on
 * different replicas: frames go through chat.signals (key caseId, short retention) and every
 * replica delivers them to its own sockets of the addressee. Nothing here is stored. A record is
 * the frame the peer receives plus {@code to} (CUSTOMER or AGENT) and, for an agent, {@code
 * agentId}; both are removed before delivery.
 */
@ApplicationScoped
public class Signals {
    private static final Logger LOG = Logger.getLogger(Signals.class);

    @Inject
    @Channel("signals-out")
    MutinyEmitter<String> emitter;

    @Inject Sessions sessions;

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
        return emitter.sendMessage(
                Message.of(record.toString())
                        .addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(caseId.toString())
                                        .build()));
    }

    @Incoming("signals-in")
    public void deliver(String record) {
        try {
            ObjectNode signal = (ObjectNode) Frames.JSON.readTree(record);
            String to = signal.remove("to").asText();
            String agentId = "AGENT".equals(to) ? signal.remove("agentId").asText() : null;
            CallSignal frame = (CallSignal) Frames.decode(signal);
            sessions.deliverSignal(frame.caseId(), agentId, frame);
        } catch (Exception e) {
            LOG.warnf("undeliverable signal skipped: %s", e.toString());
        }
    }
}
