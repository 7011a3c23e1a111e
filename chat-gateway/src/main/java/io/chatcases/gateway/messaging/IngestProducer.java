package io.chatcases.gateway.messaging;

import io.chatcases.events.IngestCommand;
import io.chatcases.gateway.protocol.Frames;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Produces sends to chat.ingest keyed by caseId (one partition per Case: one writer, in order). The
 * returned Uni completes on the broker's ack (acks=all): only then is {@code accepted} sent.
 */
@ApplicationScoped
public class IngestProducer {
    @Inject
    @Channel("chat-ingest")
    MutinyEmitter<String> emitter;

    public Uni<Void> send(IngestCommand command) {
        String json;
        try {
            json = Frames.JSON.writeValueAsString(command);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(
                Message.of(json)
                        .addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(command.caseId().toString())
                                        .build()));
    }
}
