package io.chatcases.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatcases.events.Channel;
import io.chatcases.gateway.config.GatewayConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * With a secret long enough for HS384/HS512, a token signed with the very same key and another HMAC
 * algorithm would verify unless the algorithm is pinned: the pin is what refuses it.
 */
class AlgorithmPinningTest {
    static final String LONG_SECRET =
            "a-host-secret-that-is-long-enough-for-hs512-0123456789-0123456789-0123456789";

    @SuppressWarnings("unchecked")
    static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T)
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (proxy, method, args) -> {
                            if (!answers.containsKey(method.getName())) {
                                throw new UnsupportedOperationException(method.getName());
                            }
                            return answers.get(method.getName());
                        });
    }

    static IdentityTokens tokens(String secret) {
        GatewayConfig.ChannelSecret web =
                stub(GatewayConfig.ChannelSecret.class, Map.of("secret", Optional.of(secret)));
        GatewayConfig.ChannelSecret none =
                stub(GatewayConfig.ChannelSecret.class, Map.of("secret", Optional.empty()));
        GatewayConfig.Identity identity =
                stub(
                        GatewayConfig.Identity.class,
                        Map.of(
                                "webConnect", web,
                                "supportSdk", none,
                                "maxLifetime", Duration.ofMinutes(10)));
        return new IdentityTokens(stub(GatewayConfig.class, Map.of("identity", identity)));
    }

    @Test
    void hs384AndHs512WithTheSameKeyAreRefused() {
        IdentityTokens tokens = tokens(LONG_SECRET);
        for (String alg :
                new String[] {AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512}) {
            String token = IdentityTokensTest.signExact(LONG_SECRET, alg, Map.of());
            IdentityRefused refused =
                    assertThrows(
                            IdentityRefused.class, () -> tokens.verify(Channel.WEB_CONNECT, token));
            assertEquals(IdentityRefused.Code.IDENTITY_INVALID, refused.code(), alg);
        }
    }

    @Test
    void hs256WithThatKeyPassesAndAChannelWithoutSecretAcceptsNothing() throws Exception {
        IdentityTokens tokens = tokens(LONG_SECRET);
        String token =
                IdentityTokensTest.signExact(
                        LONG_SECRET, AlgorithmIdentifiers.HMAC_SHA256, Map.of());
        assertEquals("shopper@example.com", tokens.verify(Channel.WEB_CONNECT, token).email());
        assertEquals(
                IdentityRefused.Code.IDENTITY_NOT_ACCEPTED,
                assertThrows(IdentityRefused.class, () -> tokens.verify(Channel.SUPPORT_SDK, token))
                        .code());
    }

    @Test
    void aShortSecretIsRefusedAtStartUp() {
        assertThrows(IllegalStateException.class, () -> tokens("too-short"));
    }
}
