package io.chatcases.cases.messaging;

import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Gives every Kafka consumer of this process a stable {@code group.instance.id} (static
 * membership): after a crash, the restarted process rejoins with the same id and gets its
 * partitions back at once, instead of waiting for the dead member's session to time out. Each
 * consumer of a channel with {@code concurrency} has its own client id, hence its own instance id.
 */
@ApplicationScoped
@Unremovable
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {
    @Inject IngestConfig config;

    @Override
    public Map<String, Object> customize(
            String channel, Config channelConfig, Map<String, Object> client) {
        if (config.instanceId().isPresent()
                && client.containsKey(ConsumerConfig.GROUP_ID_CONFIG)
                && client.containsKey(ConsumerConfig.CLIENT_ID_CONFIG)) {
            client.put(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    instanceId(
                            config.instanceId().get(),
                            String.valueOf(client.get(ConsumerConfig.CLIENT_ID_CONFIG))));
        }
        return client;
    }

    /**
     * The broker accepts only ASCII letters, digits, '.', '_' and '-' (client ids of a channel with
     * {@code concurrency} end in "$1", "$2", ...), at most 249 characters.
     */
    static String instanceId(String base, String clientId) {
        String id = (base + "-" + clientId).replaceAll("[^A-Za-z0-9._-]", "-");
        return id.length() <= 249 ? id : id.substring(id.length() - 249);
    }
}
