package io.chatcases.gateway.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway's fan-out consumers (case events, call signals) start at the latest offset of a group
 * of their own. Until their partitions are assigned and their positions fixed, an event published
 * now would never reach this replica's sockets: so the replica is not ready before that. Resolving
 * each position in the assignment callback pins "latest" to this moment instead of the first fetch.
 *
 * <p>The groups commit nothing, so a later rebalance (the broker restarted, the group coordinator
 * moved, the session timed out during a pause) would start the partitions at "latest" again and
 * skip every event published meanwhile: those messages would be stored but never delivered live. So
 * every reassigned partition resumes where this replica stopped: after the last event it handled,
 * or at its position when the partition was taken away. Events handled twice are harmless (each
 * socket sends a seq once).
 */
@ApplicationScoped
@Identifier(FanOutAssignment.NAME)
public class FanOutAssignment implements KafkaConsumerRebalanceListener {
    public static final String NAME = "fan-out-assignment";

    private final Set<String> assigned = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> resumeAt = new ConcurrentHashMap<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> parts) {
        for (TopicPartition tp : parts) {
            Long at = resumeAt.get(tp);
            if (at == null) {
                resumeAt.put(tp, consumer.position(tp)); // the first time: latest, now
            } else {
                consumer.seek(tp, at);
            }
        }
        parts.forEach(tp -> assigned.add(tp.topic()));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> parts) {
        for (TopicPartition tp : parts) {
            try {
                resumeAt.merge(tp, consumer.position(tp), Math::max);
            } catch (RuntimeException gone) {
                // partitions already lost: the last handled offset stands
            }
        }
    }

    /**
     * An event of {@code topic}/{@code partition} at {@code offset} was handled: a reassignment
     * resumes after it (earlier than the consumer's position, so nothing fetched and dropped in
     * between is lost).
     */
    public void handled(String topic, int partition, long offset) {
        resumeAt.put(new TopicPartition(topic, partition), offset + 1);
    }

    boolean isAssigned(String topic) {
        return assigned.contains(topic);
    }

    /** Ready once both fan-out topics have their partitions and positions. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Inject
        @Identifier(NAME)
        FanOutAssignment assignment;

        @ConfigProperty(name = "mp.messaging.incoming.case-events.topic")
        String caseEvents;

        @ConfigProperty(name = "mp.messaging.incoming.signals-in.topic")
        String signals;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("fan-out consumers assigned")
                    .status(assignment.isAssigned(caseEvents) && assignment.isAssigned(signals))
                    .withData(caseEvents, assignment.isAssigned(caseEvents))
                    .withData(signals, assignment.isAssigned(signals))
                    .build();
        }
    }
}
