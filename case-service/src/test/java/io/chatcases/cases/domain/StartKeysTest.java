package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.events.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartKeysTest {

    @Test
    void aScopeIsPerKeyEmailAndChannelAndIgnoresEmailCase() {
        String s = StartKeys.scope("k1", "Ann@Example.com ", Channel.WEB_CONNECT);
        assertEquals(64, s.length());
        assertEquals(s, StartKeys.scope("k1", "ann@example.com", Channel.WEB_CONNECT));
        assertNotEquals(s, StartKeys.scope("k2", "ann@example.com", Channel.WEB_CONNECT));
        assertNotEquals(s, StartKeys.scope("k1", "bob@example.com", Channel.WEB_CONNECT));
        assertNotEquals(s, StartKeys.scope("k1", "ann@example.com", Channel.SUPPORT_SDK));
    }

    @Test
    void keysAreVisibleAsciiUpTo200Characters() {
        assertTrue(StartKeys.valid("3f2a-UUID_like.key"));
        assertTrue(StartKeys.valid("x".repeat(200)));
        assertFalse(StartKeys.valid("x".repeat(201)));
        assertFalse(StartKeys.valid(""));
        assertFalse(StartKeys.valid("has space"));
        assertFalse(StartKeys.valid("tab\there"));
        assertFalse(StartKeys.valid("ünicode"));
    }

    @Test
    void keysExpireAfter24Hours() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertEquals(Instant.parse("2026-11-29T12:00:00Z"), StartKeys.expiredBefore(now));
    }
}
