package io.chatcases.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatcases.events.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one codec: typed client frames with precise BAD_FRAME reasons, and the server frames' text.
 */
class FramesTest {
    static final String CASE = "550e8400-e29b-41d4-a716-446655440000";

    @Test
    void everyDocumentedClientFrameDecodesToItsRecord() {
        UUID id = UUID.fromString(CASE);
        assertEquals(
                new ClientFrame.Send(id, "m1", "hi", null),
                Frames.decode(
                        "{\"type\":\"send\",\"caseId\":\""
                                + CASE
                                + "\",\"clientMsgId\":\"m1\","
                                + "\"text\":\"hi\"}"));
        assertEquals(
                new ClientFrame.Resume(null, null, Map.of(id, 7L)),
                Frames.decode("{\"type\":\"resume\",\"cases\":{\"" + CASE + "\":7}}"));
        assertEquals(
                new ClientFrame.Resume(null, 3L, null),
                Frames.decode("{\"type\":\"resume\",\"lastSeq\":3}"));
        assertEquals(new ClientFrame.Typing(null), Frames.decode("{\"type\":\"typing\"}"));
        assertEquals(
                new ClientFrame.Presence(io.chatcases.gateway.presence.PresenceStatus.AWAY),
                Frames.decode("{\"type\":\"presence\",\"status\":\"AWAY\"}"));
        assertEquals(
                new ClientFrame.Read(id, null),
                Frames.decode("{\"type\":\"read\",\"caseId\":\"" + CASE + "\"}"));
        assertEquals(
                new CallSignal.Offer(null, "c1", "v=0", "video"),
                Frames.decode(
                        "{\"type\":\"call.offer\",\"callId\":\"c1\",\"sdp\":\"v=0\","
                                + "\"media\":\"video\",\"requestId\":\"r1\"}"));
        assertInstanceOf(
                CallSignal.Ice.class,
                Frames.decode(
                        "{\"type\":\"call.ice\",\"callId\":\"c1\",\"candidate\":{\"sdpMid\":\"0\"}}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"type\":\"fly\"}|Unknown frame type 'fly'.",
                "{\"type\":\"open\"}|'caseId' is required.",
                "{\"type\":\"presence\"}|'status' is required.",
                "{\"type\":\"presence\",\"status\":\"busy\"}|'status' must be one of ONLINE, AWAY, OFFLINE.",
                "{\"type\":\"presence\",\"status\":1}|'status' must be one of ONLINE, AWAY, OFFLINE.",
                "{\"type\":\"open\",\"caseId\":\"x\"}|'caseId' must be a UUID.",
                "{\"type\":\"open\",\"caseId\":5}|'caseId' must be a UUID.",
                "{\"type\":\"send\",\"clientMsgId\":\"m\",\"text\":5}|'text' must be a string.",
                "{\"type\":\"send\",\"clientMsgId\":\"m\"}|A send has either 'text' or 'fileId'.",
                "{\"type\":\"send\",\"text\":\"hi\"}|'clientMsgId' is required.",
                "{\"type\":\"read\",\"caseId\":\""
                        + CASE
                        + "\",\"seq\":\"x\"}|'seq' must be a whole number.",
                "{\"type\":\"read\",\"caseId\":\""
                        + CASE
                        + "\",\"seq\":1.5}|'seq' must be a whole number.",
                "{\"type\":\"call.offer\",\"callId\":\"c\",\"sdp\":\"s\",\"media\":\"fax\"}|'media' is audio or video.",
                "{\"type\":\"call.end\",\"callId\":\"c\",\"reason\":\"bored\"}|'reason' is hangup, declined, unavailable, disconnected or failed.",
                "{\"type\":\"call.end\",\"callId\":\"c\",\"reason\":7}|'reason' must be a string.",
                "{\"type\":\"auth\",\"token\":\" \"}|'token' is required.",
                "{\"type\":\"send\",\"clientMsgId\":\"has space\",\"text\":\"x\"}|'clientMsgId' is 1 to 64 letters, digits, '.', '_', ':' or '-'.",
            })
    void aBadFrameSaysWhatIsWrong(String frame, String reason) {
        assertEquals(
                reason,
                assertThrows(Frames.BadFrame.class, () -> Frames.decode(frame)).getMessage());
    }

    @Test
    void notAnObjectWithAStringTypeIsRefusedBeforeDecoding() {
        for (String junk : List.of("[]", "\"x\"", "{\"type\":1}", "{", "null")) {
            assertThrows(Frames.BadFrame.class, () -> Frames.parse(junk), junk);
        }
    }

    @Test
    void serverFramesKeepTheDocumentedWire() {
        assertEquals(
                "{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"No.\"}",
                Frames.encode(new ServerFrame.Error(ErrorCode.FORBIDDEN, "No.", null)));
        assertEquals(
                "{\"type\":\"history\",\"caseId\":\"" + CASE + "\",\"messages\":[]}",
                Frames.encode(new ServerFrame.History(UUID.fromString(CASE), null, List.of())));
        assertEquals(
                "{\"type\":\"claimed\",\"caseId\":\""
                        + CASE
                        + "\",\"requestId\":null,\"case\":null}",
                Frames.encode(new ServerFrame.Claimed(UUID.fromString(CASE), null, null)));
        assertEquals(
                "{\"type\":\"call.end\",\"caseId\":\"" + CASE + "\",\"callId\":\"c1\"}",
                Frames.encode(new CallSignal.End(UUID.fromString(CASE), "c1")));
        assertEquals(
                "{\"type\":\"accepted\",\"clientMsgId\":\"m1\"}",
                Frames.encode(new ServerFrame.Accepted("m1")));
    }
}
