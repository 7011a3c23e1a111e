package io.chatcases.gateway.client;

import io.chatcases.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Customers are anonymous: the gateway signs them a token (HS256 JWT) scoped to one Case, which the
 * widget keeps for reloads. Only gateways hold the key, and only gateways check these tokens; the
 * services see the gateway's service identity instead.
 */
@ApplicationScoped
public class CustomerTokens {
    static final String ISSUER = "chat-gateway";
    static final String AUDIENCE = "chat-customer";

    /** Clock skew allowed between replicas: a token is accepted this long past its expiry. */
    static final int SKEW_SECONDS = 5;

    private final GatewayConfig config;
    private final HmacKey key;
    private final JwtConsumer consumer;

    public CustomerTokens(GatewayConfig config) {
        this.config = config;
        byte[] secret = config.customerToken().secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("gateway.customer-token.secret needs 32 bytes or more");
        }
        this.key = new HmacKey(secret);
        this.consumer =
                new JwtConsumerBuilder()
                        .setRequireExpirationTime()
                        .setRequireSubject()
                        .setExpectedIssuer(ISSUER)
                        .setExpectedAudience(AUDIENCE)
                        .setVerificationKey(key)
                        .setAllowedClockSkewInSeconds(SKEW_SECONDS)
                        .build();
    }

    /** A token for the customer of {@code caseId}. */
    public String issue(UUID caseId) {
        return issue(caseId, Instant.now());
    }

    /**
     * A token for the customer of {@code caseId}, issued at {@code issuedAt} (second precision).
     * The same Case and time always give the same token (HS256 is deterministic and the id is
     * derived from both): a chat start repeated with the same Idempotency-Key returns the token the
     * first answer had.
     */
    public String issue(UUID caseId, Instant issuedAt) {
        long iat = issuedAt.getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(caseId.toString());
        claims.setJwtId(
                UUID.nameUUIDFromBytes((caseId + "@" + iat).getBytes(StandardCharsets.UTF_8))
                        .toString());
        claims.setIssuedAt(NumericDate.fromSeconds(iat));
        claims.setExpirationTime(
                NumericDate.fromSeconds(iat + config.customerToken().ttl().toSeconds()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Case a valid token is scoped to; empty for a missing, forged or expired token. */
    public Optional<UUID> verify(String token) {
        return grant(token).map(Grant::caseId);
    }

    /** What a valid token grants: its Case, until the last instant this gateway accepts it. */
    public record Grant(UUID caseId, java.time.Instant expiresAt) {}

    /** The grant of a valid token; empty for a missing, forged or expired token. */
    public Optional<Grant> grant(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return Optional.of(
                    new Grant(
                            UUID.fromString(claims.getSubject()),
                            java.time.Instant.ofEpochMilli(
                                            claims.getExpirationTime().getValueInMillis())
                                    .plusSeconds(SKEW_SECONDS)));
        } catch (InvalidJwtException
                | IllegalArgumentException
                | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
