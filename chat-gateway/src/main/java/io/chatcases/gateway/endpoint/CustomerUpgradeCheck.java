package io.chatcases.gateway.endpoint;

import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gate of the customer socket, before the upgrade: the page's Origin must be an allowed embedding
 * site (CORS does not protect WebSockets), and the customer token must be valid (401 otherwise).
 */
@ApplicationScoped
public class CustomerUpgradeCheck implements HttpUpgradeCheck {
    @Inject GatewayConfig config;
    @Inject CustomerTokens tokens;

    @Override
    public boolean appliesTo(String endpointId) {
        return CustomerSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin != null && !config.allowedOrigins().contains(origin)) {
            return CheckResult.rejectUpgrade(403);
        }
        String token = CustomerSocket.token(context.httpRequest());
        return tokens.verify(token).isPresent()
                ? CheckResult.permitUpgrade()
                : CheckResult.rejectUpgrade(401);
    }
}
