package io.chatcases.gateway.identity;

import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Plays the host site's backend for the local demo page: signs a Web Connect identity token the way
 * docs/identity.md tells hosts to. Active only when {@code gateway.identity.demo-signer.enabled} is
 * true (off by default; deploy/local/up.sh turns it on) AND the Web Connect secret is a local
 * default ({@code local-only-...}): a real deployment's secret is never used to sign for strangers.
 */
@ApplicationScoped
public class DemoSigner {
    /** Prefix of the local, published, never-secret secrets. */
    public static final String LOCAL_SECRET_PREFIX = "local-only-";

    private static final Logger LOG = Logger.getLogger(DemoSigner.class);
    private static final long LIFETIME_SECONDS = 300;

    private final Optional<HmacKey> key;

    public DemoSigner(GatewayConfig config) {
        Optional<String> secret = config.identity().webConnect().secret();
        boolean local = secret.map(s -> s.startsWith(LOCAL_SECRET_PREFIX)).orElse(false);
        this.key =
                config.identity().demoSigner().enabled() && local
                        ? Optional.of(new HmacKey(secret.get().getBytes(StandardCharsets.UTF_8)))
                        : Optional.empty();
        if (config.identity().demoSigner().enabled() && !local) {
            LOG.warn(
                    "gateway.identity.demo-signer.enabled is set but the Web Connect identity"
                            + " secret is not a local-only one: the demo signer stays off");
        }
    }

    void announce(@Observes StartupEvent ignored) {
        if (key.isPresent()) {
            LOG.warn(
                    "DEMO identity signer is ON (POST /api/demo/identity): local use only, never"
                            + " in production");
        }
    }

    public boolean enabled() {
        return key.isPresent();
    }

    /** A 5-minute Web Connect identity token for the demo shopper. */
    public String sign(String email, String givenName, String familyName) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("email", email);
        claims.setClaim("given_name", givenName);
        claims.setClaim("family_name", familyName);
        claims.setSubject("demo-shopper:" + email);
        claims.setIssuer("chat-cases-demo-shop");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(LIFETIME_SECONDS / 60f);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key.orElseThrow());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
