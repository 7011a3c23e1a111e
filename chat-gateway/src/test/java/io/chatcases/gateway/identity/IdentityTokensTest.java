package io.chatcases.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.events.Channel;
import io.chatcases.gateway.identity.IdentityRefused.Code;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The identity verification table: only a short-lived HS256 token with the channel's key passes.
 */
@QuarkusTest
class IdentityTokensTest {
    static final String WEB_SECRET = "local-only-web-connect-identity-secret-0123456789";
    static final String SDK_SECRET = "local-only-support-sdk-identity-secret-0123456789";

    @Inject IdentityTokens identities;

    /** A token as a host backend signs it; {@code claims} override the defaults, null removes. */
    static String sign(String secret, String alg, Map<String, Object> overrides) {
        return sign(secret, alg, overrides, false);
    }

    /** As {@link #sign} but always with exactly {@code secret} as the key, whatever the alg. */
    static String signExact(String secret, String alg, Map<String, Object> overrides) {
        return sign(secret, alg, overrides, true);
    }

    private static String sign(
            String secret, String alg, Map<String, Object> overrides, boolean exactKey) {
        long now = NumericDate.now().getValue();
        JwtClaims claims = new JwtClaims();
        claims.setClaim("email", "shopper@example.com");
        claims.setClaim("given_name", "Sam");
        claims.setClaim("family_name", "Shopper");
        claims.setSubject("user-42");
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
        overrides.forEach(
                (k, v) -> {
                    if (v == null) {
                        claims.unsetClaim(k);
                    } else {
                        claims.setClaim(k, v);
                    }
                });
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (!exactKey && alg.equals(AlgorithmIdentifiers.HMAC_SHA512)) {
            // HS512 needs a 64-byte key: the same secret, doubled, as a careless host might.
            key = (secret + secret).getBytes(StandardCharsets.UTF_8);
        }
        jws.setKey(new HmacKey(key));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String valid() {
        return sign(WEB_SECRET, AlgorithmIdentifiers.HMAC_SHA256, Map.of());
    }

    private Code refusal(Channel channel, String token) {
        return assertThrows(IdentityRefused.class, () -> identities.verify(channel, token)).code();
    }

    @Test
    void aValidTokenGivesTheEmailNamesAndSubject() throws Exception {
        HostIdentity id = identities.verify(Channel.WEB_CONNECT, valid());
        assertEquals(new HostIdentity("shopper@example.com", "Sam", "Shopper", "user-42"), id);
    }

    @Test
    void namesAndSubjectAreOptional() throws Exception {
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("given_name", null);
        none.put("family_name", null);
        none.put("sub", null);
        HostIdentity id =
                identities.verify(
                        Channel.WEB_CONNECT,
                        sign(WEB_SECRET, AlgorithmIdentifiers.HMAC_SHA256, none));
        assertEquals("shopper@example.com", id.email());
        assertNull(id.givenName());
        assertNull(id.externalId());
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        long now = NumericDate.now().getValue();
        String token =
                sign(
                        WEB_SECRET,
                        AlgorithmIdentifiers.HMAC_SHA256,
                        Map.of("iat", now - 400, "exp", now - 100));
        assertEquals(Code.IDENTITY_EXPIRED, refusal(Channel.WEB_CONNECT, token));
    }

    @Test
    void aForgedSignatureIsRefused() {
        String[] parts = valid().split("\\.");
        String otherPayload =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                new String(
                                                Base64.getUrlDecoder().decode(parts[1]),
                                                StandardCharsets.UTF_8)
                                        .replace("shopper@example.com", "victim@example.com")
                                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(Channel.WEB_CONNECT, parts[0] + "." + otherPayload + "." + parts[2]));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String foreign =
                sign(
                        "another-site-secret-that-is-long-enough-0123456789",
                        AlgorithmIdentifiers.HMAC_SHA256,
                        Map.of());
        assertEquals(Code.IDENTITY_INVALID, refusal(Channel.WEB_CONNECT, foreign));
        // Each channel has its own secret: a Support SDK token is not a Web Connect one.
        String sdk = sign(SDK_SECRET, AlgorithmIdentifiers.HMAC_SHA256, Map.of());
        assertEquals(Code.IDENTITY_INVALID, refusal(Channel.WEB_CONNECT, sdk));
        assertTrue(
                assertDoesNotThrow(() -> identities.verify(Channel.SUPPORT_SDK, sdk)).email()
                        != null);
    }

    private static <T> T assertDoesNotThrow(
            org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(call);
    }

    @Test
    void algNoneIsRefused() {
        String[] parts = valid().split("\\.");
        String header =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"alg\":\"none\",\"typ\":\"JWT\"}"
                                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(
                Code.IDENTITY_INVALID, refusal(Channel.WEB_CONNECT, header + "." + parts[1] + "."));
    }

    @Test
    void hs512IsRefusedEvenWithTheRightSecret() {
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(WEB_SECRET, AlgorithmIdentifiers.HMAC_SHA512, Map.of())));
    }

    @Test
    void aTokenWithoutEmailOrWithABadEmailIsRefused() {
        Map<String, Object> noEmail = new java.util.HashMap<>();
        noEmail.put("email", null);
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(WEB_SECRET, AlgorithmIdentifiers.HMAC_SHA256, noEmail)));
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(
                                WEB_SECRET,
                                AlgorithmIdentifiers.HMAC_SHA256,
                                Map.of("email", "not an email"))));
    }

    @Test
    void namesBeyondWhatATypedNameMayBeAreRefused() {
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(
                                WEB_SECRET,
                                AlgorithmIdentifiers.HMAC_SHA256,
                                Map.of("given_name", "x".repeat(101)))));
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(
                                WEB_SECRET,
                                AlgorithmIdentifiers.HMAC_SHA256,
                                Map.of("family_name", "Evil\0Name"))));
    }

    @Test
    void aLongLivedOrExpLessTokenIsRefused() {
        long now = NumericDate.now().getValue();
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(
                                WEB_SECRET,
                                AlgorithmIdentifiers.HMAC_SHA256,
                                Map.of("iat", now, "exp", now + 3600))));
        // Back-dated iat with exp in the near future: exp - iat still over 10 minutes.
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(
                                WEB_SECRET,
                                AlgorithmIdentifiers.HMAC_SHA256,
                                Map.of("iat", now - 3600, "exp", now + 60))));
        Map<String, Object> noExp = new java.util.HashMap<>();
        noExp.put("exp", null);
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(WEB_SECRET, AlgorithmIdentifiers.HMAC_SHA256, noExp)));
        Map<String, Object> noIat = new java.util.HashMap<>();
        noIat.put("iat", null);
        assertEquals(
                Code.IDENTITY_INVALID,
                refusal(
                        Channel.WEB_CONNECT,
                        sign(WEB_SECRET, AlgorithmIdentifiers.HMAC_SHA256, noIat)));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void garbageIsRefused(Channel channel) {
        assertEquals(Code.IDENTITY_INVALID, refusal(channel, "not-a-token"));
        assertEquals(Code.IDENTITY_INVALID, refusal(channel, ""));
        assertEquals(Code.IDENTITY_INVALID, refusal(channel, "a".repeat(9000)));
    }
}
