package io.chatcases.gateway.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
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
 */
@ApplicationScoped
@Identifier(FanOutAssignment.NAME)
public class FanOutAssignment implements KafkaConsumerRebalanceListener {
    public static final String NAME = "fan-out-assignment";

    private final Set<String> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> parts) {
        for (TopicPartition tp : parts) {
            consumer.position(tp);
        }
        parts.forEach(tp -> assigned.add(tp.topic()));
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
