package io.chatcases.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretGuardTest {
    static final Set<String> COMMITTED = Set.of("local-only-default-secret-0123456789abcdef");

    @Test
    void missingBlankCommittedAndShortSecretsAreRefusedByName() {
        assertEquals(
                Optional.of("a.secret is not set"),
                SecretGuard.problem("a.secret", Optional.empty(), COMMITTED, 32));
        assertEquals(
                Optional.of("a.secret is not set"),
                SecretGuard.problem("a.secret", Optional.of("   "), COMMITTED, 32));
        assertEquals(
                Optional.of("a.secret is the committed local default"),
                SecretGuard.problem(
                        "a.secret",
                        Optional.of("local-only-default-secret-0123456789abcdef"),
                        COMMITTED,
                        32));
        assertEquals(
                Optional.of("a.secret is shorter than 32 bytes"),
                SecretGuard.problem("a.secret", Optional.of("x".repeat(31)), COMMITTED, 32));
    }

    @Test
    void aLongUncommittedSecretPasses() {
        assertTrue(
                SecretGuard.problem("a.secret", Optional.of("x".repeat(32)), COMMITTED, 32)
                        .isEmpty());
    }

    @Test
    void starMatchesOneNameSegmentOfKnownSettings() {
        List<String> known =
                List.of(
                        "gateway.identity.web-connect.secret",
                        "gateway.identity.support-sdk.secret",
                        "gateway.identity.web-connect.ttl",
                        "gateway.identity.a.b.secret",
                        "%dev.gateway.identity.web-connect.secret");
        assertEquals(
                List.of(
                        "x.secret",
                        "gateway.identity.support-sdk.secret",
                        "gateway.identity.web-connect.secret"),
                SecretGuard.expand(List.of("x.secret", "gateway.identity.*.secret"), known));
    }

    @Test
    void envDefaultsCountAsCommittedValues() {
        assertEquals(
                Set.of("local-default", "plain"),
                SecretGuard.literals(
                        List.of("${SOME_ENV:local-default}", "plain", "${NO_DEFAULT}")));
    }

    @Test
    void theShippedLocalDefaultsAreKnownAsCommitted() {
        Set<String> committed = SecretGuard.committedValues();
        assertTrue(committed.contains("local-only-customer-token-secret-change-me-0123456789"));
        assertTrue(committed.contains("cx-services-local-secret"));
    }

    @Test
    void aChannelOnlyTheEnvironmentNamesIsCheckedToo() {
        assertEquals(
                List.of("gateway.identity.web-connect.secret", "gateway.identity.sdk.secret"),
                SecretGuard.fromEnvironment(
                        List.of("gateway.identity.*.secret", "plain.secret"),
                        List.of(
                                "GATEWAY_IDENTITY_WEB_CONNECT_SECRET",
                                "GATEWAY_IDENTITY_SDK_SECRET",
                                "GATEWAY_IDENTITY_SECRET",
                                "HOME")));
    }
}
