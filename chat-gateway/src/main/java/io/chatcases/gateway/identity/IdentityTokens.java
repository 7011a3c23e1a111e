package io.chatcases.gateway.identity;

import io.chatcases.events.Channel;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.identity.IdentityRefused.Code;
import io.chatcases.gateway.protocol.StartFormRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * Verifies identity tokens: HS256 JWTs that a host site's backend signs with the channel's identity
 * secret to prove who its signed-in user is. Verification pins the algorithm to HS256 (so {@code
 * alg: none}, HS512 or an RSA/HMAC confusion never pass), requires {@code exp} and {@code iat}, and
 * refuses tokens meant to live longer than {@code gateway.identity.max-lifetime}.
 *
 * <p>jose4j is the JOSE library under smallrye-jwt and Quarkus OIDC; it is used directly (as for
 * the customer tokens) because the smallrye-jwt extension would add a second bearer-token mechanism
 * beside OIDC on the same application.
 *
 * <p>Claims: {@code email} (required), {@code given_name} / {@code family_name} (optional, the OIDC
 * standard names, as Keycloak and most identity providers emit them), {@code sub} (optional: the
 * host's own user id), {@code exp} and {@code iat} (required).
 */
@ApplicationScoped
public class IdentityTokens {
    private static final int MIN_SECRET_BYTES = 32;
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final Map<Channel, JwtConsumer> consumers = new EnumMap<>(Channel.class);
    private final long maxLifetimeSeconds;

    public IdentityTokens(GatewayConfig config) {
        GatewayConfig.Identity identity = config.identity();
        this.maxLifetimeSeconds = identity.maxLifetime().toSeconds();
        add(Channel.WEB_CONNECT, identity.webConnect().secret(), "web-connect");
        add(Channel.SUPPORT_SDK, identity.supportSdk().secret(), "support-sdk");
    }

    private void add(Channel channel, Optional<String> secret, String name) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            return;
        }
        byte[] key = secret.get().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    "gateway.identity." + name + ".secret needs 32 bytes or more");
        }
        consumers.put(
                channel,
                new JwtConsumerBuilder()
                        .setJwsAlgorithmConstraints(
                                AlgorithmConstraints.ConstraintType.PERMIT,
                                AlgorithmIdentifiers.HMAC_SHA256)
                        .setVerificationKey(new HmacKey(key))
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .setMaxFutureValidityInMinutes(
                                (int) Math.max(1, (maxLifetimeSeconds + 59) / 60))
                        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                        // The host site is the issuer and this gateway the only audience; neither
                        // is asked of hosts, to keep signing to a few lines of code.
                        .setSkipDefaultAudienceValidation()
                        .build());
    }

    /** Whether the channel accepts identity tokens at all. */
    public boolean accepts(Channel channel) {
        return consumers.containsKey(channel);
    }

    /** The verified identity, or why the token is refused. */
    public HostIdentity verify(Channel channel, String token) throws IdentityRefused {
        JwtConsumer consumer = consumers.get(channel);
        if (consumer == null) {
            throw new IdentityRefused(
                    Code.IDENTITY_NOT_ACCEPTED,
                    "This channel accepts no identity tokens (no identity secret configured).");
        }
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw new IdentityRefused(Code.IDENTITY_INVALID, "The identity token is malformed.");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
                throw new IdentityRefused(Code.IDENTITY_EXPIRED, "The identity token has expired.");
            }
            throw new IdentityRefused(
                    Code.IDENTITY_INVALID,
                    e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)
                            ? "The identity token lives too long; sign it for "
                                    + maxLifetimeSeconds / 60
                                    + " minutes at most."
                            : "The identity token is not valid for this channel.");
        }
        try {
            long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
            if (lifetime > maxLifetimeSeconds) {
                throw new IdentityRefused(
                        Code.IDENTITY_INVALID,
                        "The identity token lives too long; sign it for "
                                + maxLifetimeSeconds / 60
                                + " minutes at most.");
            }
            String email = string(claims, "email");
            if (!StartFormRules.looksLikeEmail(email)) {
                throw new IdentityRefused(
                        Code.IDENTITY_INVALID, "The identity token has no valid email claim.");
            }
            String given = string(claims, "given_name");
            String family = string(claims, "family_name");
            if (!StartFormRules.fitsName(given) || !StartFormRules.fitsName(family)) {
                throw new IdentityRefused(
                        Code.IDENTITY_INVALID,
                        "given_name and family_name are at most 100 characters, without control"
                                + " characters.");
            }
            return new HostIdentity(email, given, family, claims.getSubject());
        } catch (MalformedClaimException e) {
            throw new IdentityRefused(Code.IDENTITY_INVALID, "The identity token is malformed.");
        }
    }

    private static String string(JwtClaims claims, String name) throws MalformedClaimException {
        String value = claims.getStringClaimValue(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
