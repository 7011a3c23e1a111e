package io.chatcases.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.protocol.Frames;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers a call's two sides get: the configured STUN/TURN list as it is, plus, when a TURN
 * secret is configured, the TURN urls with ephemeral credentials of the TURN REST API
 * (draft-uberti-behave-turn-rest, coturn's {@code use-auth-secret}): {@code username = "<expiry
 * epoch seconds>:<who>"}, {@code credential = base64(HMAC-SHA1(secret, username))}. The TURN server
 * checks the HMAC and the expiry itself, so nothing is stored. The secret never leaves this class
 * and is never logged.
 */
@ApplicationScoped
public class IceServers {
    @Inject GatewayConfig config;

    private volatile JsonNode fixed;
    Clock clock = Clock.systemUTC();

    /** Refuses to start with an ICE server list that is not a JSON array. */
    void check(@Observes StartupEvent start) {
        fixed();
    }

    /** The configured list without credentials ({@code GET /api/config}'s iceServers). */
    public JsonNode fixed() {
        JsonNode list = fixed;
        if (list == null) {
            try {
                list = Frames.JSON.readTree(config.calls().iceServers());
            } catch (Exception e) {
                list = null;
            }
            if (list == null || !list.isArray()) {
                throw new IllegalStateException(
                        "gateway.calls.ice-servers must be a JSON array of RTCIceServer objects");
            }
            fixed = list;
        }
        return list;
    }

    /**
     * {@code {iceServers, ttlSeconds}} for {@code who} (the Case id of a customer, the agent's id),
     * with TURN credentials valid for ttlSeconds from now.
     */
    public ObjectNode forCaller(String who) {
        GatewayConfig.Turn turn = config.calls().turn();
        long ttl = turn.ttl().toSeconds();
        ArrayNode servers = ((ArrayNode) fixed()).deepCopy();
        List<String> urls = turn.urls().orElse(List.of());
        String secret = turn.secret().map(String::strip).orElse("");
        if (!urls.isEmpty() && !secret.isEmpty()) {
            String username = Instant.now(clock).plusSeconds(ttl).getEpochSecond() + ":" + who;
            ObjectNode entry = servers.addObject();
            urls.forEach(entry.putArray("urls")::add);
            entry.put("username", username);
            entry.put("credential", credential(secret, username));
        }
        ObjectNode answer = Frames.JSON.createObjectNode();
        answer.set("iceServers", servers);
        answer.put("ttlSeconds", ttl);
        return answer;
    }

    /** The TURN REST API's password for {@code username}: base64(HMAC-SHA1(secret, username)). */
    static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
