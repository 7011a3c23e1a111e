package io.chatcases.support;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses with 401 a bearer token made of dots only ({@code Authorization: Bearer ..}), before
 * authentication: Quarkus OIDC takes it for a JWT, finds no part in it and fails with a {@code
 * NoSuchElementException} ({@code OidcCommonUtils.getJwtContentPart}), answered with 500. Found by
 * the e2e fuzzer (HostileInputIT); also for a token carried in {@code Sec-WebSocket-Protocol}.
 */
@ApplicationScoped
public class MalformedBearerFilter {
    /** Before Quarkus' authentication filter (priority 200, route order -200). */
    static final int ORDER = -10_000;

    private static final String CARRIER = "quarkus-http-upgrade#Authorization#";

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(MalformedBearerFilter::check);
    }

    private static void check(RoutingContext rc) {
        if (malformed(rc.request().getHeader("Authorization"))
                || malformedCarrier(rc.request().getHeader("Sec-WebSocket-Protocol"))) {
            rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
            return;
        }
        rc.next();
    }

    /** True for {@code Bearer} (any case) followed by a token of dots only. */
    static boolean malformed(String authorization) {
        if (authorization == null
                || authorization.length() <= 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return authorization.substring(7).chars().allMatch(c -> c == '.');
    }

    /** The Authorization header the browser's way: in the WebSocket subprotocols, URI-encoded. */
    static boolean malformedCarrier(String protocols) {
        if (protocols == null) {
            return false;
        }
        for (String p : protocols.split(",")) {
            String v;
            try {
                // Clients encode the whole value, '#' included (as Quarkus decodes it).
                v = URLDecoder.decode(p.trim(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException undecodable) {
                continue; // not ours to judge: authentication refuses it
            }
            if (v.startsWith(CARRIER) && malformed(v.substring(CARRIER.length()))) {
                return true;
            }
        }
        return false;
    }
}
