package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.EventType;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.Audience;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A send to a Case that does not exist is refused by case-service with {@code case: null}: the
 * refusal still reaches the socket that sent it (HostileInputIT found it skipped as undeliverable).
 */
class RejectionWithoutCaseTest {

    static JsonNode json(String text) throws Exception {
        return Frames.JSON.readTree(text);
    }

    @Test
    void aRejectionWithoutACaseIsRoutedByItsConnectionAlone() throws Exception {
        JsonNode event =
                json(
                        "{\"case\":null,\"message\":null,\"read\":null,\"rejection\":"
                                + "{\"clientMsgId\":\"m1\",\"connectionId\":\"conn-1\","
                                + "\"code\":\"NOT_FOUND\",\"message\":\"No such Case\"}}");
        assertNull(Sessions.caseIdOf(EventType.MESSAGE_REJECTED, event));
        Audience.Event routing =
                new Audience.Event(EventType.MESSAGE_REJECTED, null, null, null, null, "conn-1");
        assertTrue(Audience.receives(routing, Audience.Listener.agent("conn-1", "alice")));
        assertTrue(
                Audience.receives(
                        routing, Audience.Listener.customer("conn-1", UUID.randomUUID())));
        assertFalse(Audience.receives(routing, Audience.Listener.agent("conn-2", "alice")));
    }

    @Test
    void otherEventsStillNeedTheirCase() throws Exception {
        UUID id = UUID.randomUUID();
        assertEquals(
                id,
                Sessions.caseIdOf(
                        EventType.MESSAGE_REJECTED,
                        json("{\"case\":{\"caseId\":\"" + id + "\"},\"rejection\":{}}")));
        assertThrows(
                IllegalArgumentException.class,
                () -> Sessions.caseIdOf(EventType.MESSAGE_POSTED, json("{\"case\":null}")));
    }
}
