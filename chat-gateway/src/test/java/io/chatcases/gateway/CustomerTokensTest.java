package io.chatcases.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.gateway.client.CustomerTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerTokensTest {
    @Inject CustomerTokens tokens;

    @Test
    void aTokenIsScopedToItsCase() {
        UUID caseId = UUID.randomUUID();
        assertEquals(Optional.of(caseId), tokens.verify(tokens.issue(caseId)));
    }

    @Test
    void aForgedOrGarbledTokenIsRefused() {
        String token = tokens.issue(UUID.randomUUID());
        String[] parts = token.split("\\.");
        String otherPayload =
                java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ("{\"iss\":\"chat-gateway\",\"aud\":\"chat-customer\",\"sub\":\""
                                                + UUID.randomUUID()
                                                + "\",\"exp\":9999999999}")
                                        .getBytes());
        assertTrue(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]).isEmpty());
        assertTrue(tokens.verify("not-a-token").isEmpty());
        assertTrue(tokens.verify("").isEmpty());
        assertTrue(tokens.verify(null).isEmpty());
    }

    @Test
    void aGrantLastsTheTokensLifetimePlusTheAllowedSkew() {
        UUID caseId = UUID.randomUUID();
        java.time.Instant before = java.time.Instant.now();
        CustomerTokens.Grant grant = tokens.grant(tokens.issue(caseId)).orElseThrow();
        assertEquals(caseId, grant.caseId());
        // ttl P1D, whole seconds, plus the 5 s skew every check allows.
        long seconds = java.time.Duration.between(before, grant.expiresAt()).toSeconds();
        assertTrue(seconds >= 86_400 + 3 && seconds <= 86_400 + 6, "grant for " + seconds + " s");
    }
}
