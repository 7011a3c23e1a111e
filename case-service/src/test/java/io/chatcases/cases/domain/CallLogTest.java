package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The call log's texts: started, ended with its duration, declined, missed. */
class CallLogTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @ParameterizedTest(name = "{0} answered={1} after {2}s reason={3}: {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                "video, true,  192,  hangup,       Video call ended (3:12)",
                "audio, true,  0,    -,            Audio call ended (0:00)",
                "video, true,  59,   disconnected, Video call ended (0:59)",
                "video, true,  3725, hangup,       Video call ended (1:02:05)",
                "video, true,  -3,   hangup,       Video call ended (0:00)",
                "video, false, 20,   declined,     Video call declined",
                "audio, false, 20,   declined,     Audio call declined",
                "video, false, 20,   -,            Missed video call",
                "audio, false, 20,   unavailable,  Missed audio call",
                "video, false, 20,   disconnected, Missed video call",
                "video, false, 20,   failed,       Missed video call",
            })
    void endedTexts(String media, boolean answered, long seconds, String reason, String text) {
        Instant answeredAt = answered ? T0 : null;
        assertEquals(text, CallLog.ended(media, answeredAt, T0.plusSeconds(seconds), reason));
    }

    @ParameterizedTest
    @CsvSource({"video, Video call started", "audio, Audio call started"})
    void startedTexts(String media, String text) {
        assertEquals(text, CallLog.started(media));
    }
}
