package io.chatcases.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientAddressTest {
    static final ClientAddress BEHIND_LB = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));
    static final ClientAddress DIRECT = new ClientAddress(List.of());

    static Stream<Arguments> table() {
        return Stream.of(
                // rule, peer, X-Forwarded-For values ("|" separates headers), expected client
                Arguments.of(
                        "no trusted proxies: the header is ignored",
                        DIRECT,
                        "203.0.113.9",
                        "198.51.100.1",
                        "203.0.113.9"),
                Arguments.of(
                        "untrusted peer: the header is ignored",
                        BEHIND_LB,
                        "203.0.113.9",
                        "198.51.100.1",
                        "203.0.113.9"),
                Arguments.of(
                        "trusted peer without header: the peer",
                        BEHIND_LB,
                        "10.1.2.3",
                        null,
                        "10.1.2.3"),
                Arguments.of(
                        "trusted peer: the last entry",
                        BEHIND_LB,
                        "10.1.2.3",
                        "198.51.100.1",
                        "198.51.100.1"),
                Arguments.of(
                        "forged left part is not read past the first untrusted hop",
                        BEHIND_LB,
                        "10.1.2.3",
                        "1.1.1.1, 198.51.100.1",
                        "198.51.100.1"),
                Arguments.of(
                        "trusted hops are skipped",
                        BEHIND_LB,
                        "10.1.2.3",
                        "198.51.100.1, 10.9.9.9, 10.8.8.8",
                        "198.51.100.1"),
                Arguments.of(
                        "several header lines are one list",
                        BEHIND_LB,
                        "10.1.2.3",
                        "1.1.1.1|198.51.100.1, 10.9.9.9",
                        "198.51.100.1"),
                Arguments.of(
                        "all hops trusted: the leftmost",
                        BEHIND_LB,
                        "10.1.2.3",
                        "10.7.7.7, 10.9.9.9",
                        "10.7.7.7"),
                Arguments.of(
                        "garbage ends the walk at the hop that sent it",
                        BEHIND_LB,
                        "10.1.2.3",
                        "evil.example.com, 10.9.9.9",
                        "10.9.9.9"),
                Arguments.of(
                        "host names are never resolved",
                        BEHIND_LB,
                        "10.1.2.3",
                        "localhost",
                        "10.1.2.3"),
                Arguments.of(
                        "an IPv4 port is dropped",
                        BEHIND_LB,
                        "10.1.2.3",
                        "198.51.100.1:5555",
                        "198.51.100.1"),
                Arguments.of(
                        "IPv6 in brackets, canonical form",
                        BEHIND_LB,
                        "fd00::1",
                        "[2001:DB8:0:0::7]:443",
                        "2001:db8::7"),
                Arguments.of(
                        "IPv6 peer outside the block",
                        BEHIND_LB,
                        "2001:db8::1",
                        "198.51.100.1",
                        "2001:db8::1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void clientAddress(String rule, ClientAddress rules, String peer, String xff, String client) {
        List<String> headers = xff == null ? null : Arrays.asList(xff.split("\\|"));
        assertEquals(client, rules.of(peer, headers), rule);
    }

    @Test
    void aBadBlockIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("lb.local")));
    }
}
