package io.chatcases.gateway.rest;

import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.limits.ClientAddresses;
import io.chatcases.gateway.limits.SharedLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Chat starts per client address (limits/ClientAddress) in one-minute windows shared by every
 * replica. If the gateway's database does not answer, the start is let through (and logged): the
 * limit guards against floods, and losing it for a moment is better than refusing every customer.
 */
@ApplicationScoped
public class StartRateLimit {
    private static final Logger LOG = Logger.getLogger(StartRateLimit.class);

    @Inject GatewayConfig config;
    @Inject SharedLimits limits;
    @Inject ClientAddresses addresses;

    /** True when the client of {@code request} may start another chat in this minute. */
    public Uni<Boolean> allow(HttpServerRequest request) {
        return limits.hit(
                        "chat-start:" + addresses.of(request),
                        config.chatStartsPerMinute(),
                        Duration.ofMinutes(1))
                .onFailure()
                .recoverWithItem(
                        f -> {
                            LOG.warnf("chat-start limit unavailable, start allowed: %s", f);
                            return true;
                        });
    }
}
