package io.chatcases.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatcases.gateway.endpoint.Sessions;
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
 * replica delivers them to its own sockets of the addressee. Nothing here is stored.
 */
@ApplicationScoped
public class Signals {
    private static final Logger LOG = Logger.getLogger(Signals.class);

    @Inject
    @Channel("signals-out")
    MutinyEmitter<String> emitter;

    @Inject Sessions sessions;

    /**
     * Relays {@code frame} (a call.* frame) of {@code caseId} to the customer ({@code agentId}
     * null) or to that agent.
     */
    public Uni<Void> relay(UUID caseId, String agentId, JsonNode frame) {
        ObjectNode signal = ((ObjectNode) frame.deepCopy()).put("caseId", caseId.toString());
        if (agentId == null) {
            signal.put("to", "CUSTOMER");
        } else {
            signal.put("to", "AGENT").put("agentId", agentId);
        }
        return emitter.sendMessage(
                Message.of(Frames.write(signal))
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
            JsonNode agent = signal.remove("agentId");
            sessions.deliverSignal(
                    UUID.fromString(signal.path("caseId").asText()),
                    "AGENT".equals(to) ? agent.asText() : null,
                    Frames.write(signal));
        } catch (Exception e) {
            LOG.warnf("undeliverable signal skipped: %s", e.toString());
        }
    }
}
