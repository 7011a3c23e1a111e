package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.events.CaseEvent;
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

    static CaseEvent event(String text) throws Exception {
        return Frames.JSON.readValue(text, CaseEvent.class);
    }

    @Test
    void aRejectionWithoutACaseIsRoutedByItsConnectionAlone() throws Exception {
        CaseEvent event =
                event(
                        "{\"case\":null,\"message\":null,\"read\":null,\"rejection\":"
                                + "{\"clientMsgId\":\"m1\",\"connectionId\":\"conn-1\","
                                + "\"code\":\"NOT_FOUND\",\"message\":\"No such Case\"}}");
        Audience.Event routing = Audience.Event.of(EventType.MESSAGE_REJECTED, event);
        assertNull(routing.caseId());
        assertTrue(Audience.receives(routing, Audience.Listener.agent("conn-1", "alice")));
        assertTrue(
                Audience.receives(
                        routing, Audience.Listener.customer("conn-1", UUID.randomUUID())));
        assertFalse(Audience.receives(routing, Audience.Listener.agent("conn-2", "alice")));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"NOT_FOUND\",\"message\":\"No such Case\","
                        + "\"ref\":\"m1\"}",
                Frames.encode(Sessions.frameOf(EventType.MESSAGE_REJECTED, event)));
    }

    @Test
    void otherEventsStillNeedTheirCase() throws Exception {
        UUID id = UUID.randomUUID();
        assertEquals(
                id,
                Audience.Event.of(
                                EventType.MESSAGE_REJECTED,
                                event(
                                        "{\"case\":{\"caseId\":\""
                                                + id
                                                + "\"},\"rejection\":{\"code\":\"FORBIDDEN\"}}"))
                        .caseId());
        assertThrows(
                IllegalArgumentException.class,
                () -> Audience.Event.of(EventType.MESSAGE_POSTED, event("{\"case\":null}")));
    }
}
