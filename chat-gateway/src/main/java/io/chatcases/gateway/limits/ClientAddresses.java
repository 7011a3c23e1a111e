package io.chatcases.gateway.limits;

import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.HandshakeRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The configured {@link ClientAddress} rule applied to HTTP requests and socket handshakes. */
@ApplicationScoped
public class ClientAddresses {
    static final String XFF = "X-Forwarded-For";
    private final ClientAddress rule;

    public ClientAddresses(GatewayConfig config) {
        this.rule = new ClientAddress(config.limits().trustedProxies().orElse(List.of()));
    }

    public String of(HttpServerRequest request) {
        return rule.of(request.remoteAddress().hostAddress(), request.headers().getAll(XFF));
    }

    public String of(HandshakeRequest handshake) {
        return rule.of(peerHost(handshake.remoteAddress()), handshake.headers(XFF));
    }

    /** {@code host:port} (IPv6 hosts unbracketed, as Vert.x prints them) without the port. */
    static String peerHost(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        String literal = ClientAddress.literal(host.startsWith("[") ? host + "]" : host);
        return literal == null ? host : literal;
    }
}
