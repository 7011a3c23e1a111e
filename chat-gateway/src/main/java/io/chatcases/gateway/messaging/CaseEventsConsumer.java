package io.chatcases.gateway.messaging;

import io.chatcases.events.CaseEvent;
import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.EventType;
import io.chatcases.gateway.endpoint.Calls;
import io.chatcases.gateway.endpoint.Sessions;
import io.chatcases.gateway.protocol.Frames;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every replica reads every case event (a consumer group of its own, from the latest offset) and
 * delivers it to the sockets it holds. A socket that missed events (reconnect, new replica) asks
 * for them with {@code resume}; nothing here needs to be replayed.
 */
@ApplicationScoped
public class CaseEventsConsumer {
    private static final Logger LOG = Logger.getLogger(CaseEventsConsumer.class);

    @Inject Sessions sessions;
    @Inject Calls calls;

    /**
     * Events that never change whether a Case can have a call; after any other Case change
     * (claimed, transferred, unassigned, resolved, closed, ...) a call on it may have to end
     * (endpoint/Calls), so new event types are covered without being listed here.
     */
    private static final java.util.Set<EventType> KEEP_CALLS =
            java.util.EnumSet.of(
                    EventType.MESSAGE_POSTED,
                    EventType.MESSAGE_REJECTED,
                    EventType.CASE_READ,
                    EventType.CASE_CREATED,
                    EventType.CASE_RATED);

    @Inject
    @Identifier(FanOutAssignment.NAME)
    FanOutAssignment assignment;

    @Incoming("case-events")
    public CompletionStage<Void> consume(Message<String> record) {
        try {
            IncomingKafkaRecordMetadata<?, ?> meta =
                    record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
            Optional<EventType> type = EventType.fromWire(header(meta, CloudEventHeaders.TYPE));
            String time = header(meta, CloudEventHeaders.TIME);
            if (type.isPresent() && type.get() != EventType.CONTACT_UPDATED) {
                CaseEvent event = Frames.JSON.readValue(record.getPayload(), CaseEvent.class);
                sessions.deliver(type.get(), event, time == null ? null : Instant.parse(time));
                if (event.caseView() != null && !KEEP_CALLS.contains(type.get())) {
                    calls.caseChanged(event.caseView());
                }
            }
            assignment.handled(meta.getTopic(), meta.getPartition(), meta.getOffset());
        } catch (Exception e) {
            // One unreadable event must not stop delivery of the others to every socket.
            LOG.warnf("undeliverable case event skipped: %s", e.toString());
        }
        return record.ack();
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> meta, String name) {
        Header h = meta.getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
