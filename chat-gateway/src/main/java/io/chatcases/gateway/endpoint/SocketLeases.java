package io.chatcases.gateway.endpoint;

import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.limits.ClientAddresses;
import io.chatcases.gateway.limits.SharedLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Socket caps shared by all replicas: each open socket holds a lease (limits/SharedLimits). One
 * socket over a Case's or an agent's cap closes the oldest with 1008 (the newest wins, so a killed
 * replica's sockets never keep their clients from reconnecting); one over the address cap is itself
 * closed with 1008. If the database does not answer, the socket stays open (and this is logged):
 * the caps guard against floods, not against a customer's second tab.
 */
@ApplicationScoped
public class SocketLeases {
    private static final Logger LOG = Logger.getLogger(SocketLeases.class);

    private final SharedLimits limits;
    private final ClientAddresses addresses;
    private final GatewayConfig.Limits config;

    public SocketLeases(SharedLimits limits, ClientAddresses addresses, GatewayConfig config) {
        this.limits = limits;
        this.addresses = addresses;
        this.config = config.limits();
    }

    /** A customer socket: capped per Case and per client address. */
    void customer(Session s, UUID caseId) {
        take(s, "customer:" + caseId, config.socketsPerCustomer(), config.socketsPerAddress());
    }

    /** An agent socket: capped per agent (many agents may share an office's address). */
    void agent(Session s, String agentId) {
        take(s, "agent:" + agentId, config.socketsPerAgent(), Integer.MAX_VALUE);
    }

    /** The socket closed: its lease goes back (a no-op when it had none). */
    void release(Session s) {
        UUID lease = s.lease;
        if (lease != null) {
            limits.release(lease).subscribe().with(ok -> {}, f -> {});
        }
    }

    private void take(Session s, String holder, int perHolder, int perAddress) {
        String address = addresses.of(s.connection.handshakeRequest());
        limits.acquire(
                        holder,
                        perHolder,
                        address,
                        perAddress,
                        () -> s.close(1008, "opened elsewhere: too many open sockets"))
                .subscribe()
                .with(
                        lease -> {
                            if (lease.isEmpty()) {
                                s.close(1008, "too many open sockets");
                                return;
                            }
                            s.lease = lease.get();
                            if (s.connection.isClosed()) {
                                release(s);
                            }
                        },
                        f -> LOG.warnf("socket cap unavailable, socket kept: %s", f.getMessage()));
    }
}
