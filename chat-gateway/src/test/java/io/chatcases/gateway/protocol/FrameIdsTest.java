package io.chatcases.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameIdsTest {
    private static String frame(String field, String json) {
        return "{\"type\":\"send\",\"" + field + "\":" + json + "}";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"m-1\"",
                "\"550e8400-e29b-41d4-a716-446655440000\"",
                "\"a.b_c:d\"",
                "\"x\""
            })
    void plainIdsPass(String json) {
        for (String field : new String[] {"clientMsgId", "requestId", "callId"}) {
            assertDoesNotThrow(() -> Frames.checkIds(Frames.parse(frame(field, json))));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\"",
                "\" leading-space\"",
                "\"-leading-dash\"",
                "\"has space\"",
                "\"nul\\u0000\"",
                "\"slash/\"",
                "\"ünïcode\"",
                "42",
                "{}",
                "null"
            })
    void badlyShapedIdsAreRefused(String json) {
        for (String field : new String[] {"clientMsgId", "requestId", "callId"}) {
            Frames.BadFrame bad =
                    assertThrows(
                            Frames.BadFrame.class,
                            () -> Frames.checkIds(Frames.parse(frame(field, json))));
            assertTrue(bad.getMessage().startsWith("'" + field + "'"), bad.getMessage());
        }
    }

    @Test
    void idsAreBoundedAndCallIdsLeaveRoomForTheirLogEntries() {
        String id64 = "a".repeat(64);
        assertDoesNotThrow(() -> Frames.checkIds(Frames.parse(frame("clientMsgId", q(id64)))));
        assertThrows(
                Frames.BadFrame.class,
                () -> Frames.checkIds(Frames.parse(frame("clientMsgId", q(id64 + "a")))));
        assertThrows(
                Frames.BadFrame.class,
                () -> Frames.checkIds(Frames.parse(frame("requestId", q("r".repeat(10_000))))));
        String call48 = "c".repeat(Frames.MAX_CALL_ID);
        assertDoesNotThrow(() -> Frames.checkIds(Frames.parse(frame("callId", q(call48)))));
        assertThrows(
                Frames.BadFrame.class,
                () -> Frames.checkIds(Frames.parse(frame("callId", q(call48 + "c")))));
        // The longest call log entry still fits the 64-character clientMsgId column.
        assertTrue(("call-" + call48 + "-start").length() <= Frames.MAX_ID);
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }
}
