package io.chatcases.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of CloudEvents {@code ce_type} values on {@code chat.case-events} and {@code
 * chat.contact-events}. The wire name ({@link #wire()}) is what travels in the header.
 */
public enum EventType {
    CASE_CREATED("case.created"),
    CASE_CLAIMED("case.claimed"),
    /** The owner (or an admin) handed an owned Case to another agent. */
    CASE_TRANSFERRED("case.transferred"),
    /** The owner (or an admin) returned an owned Case to the queue: NEW again. */
    CASE_UNASSIGNED("case.unassigned"),
    CASE_RESOLVED("case.resolved"),
    CASE_REOPENED("case.reopened"),
    CASE_CLOSED("case.closed"),
    /** An agent's read mark moved (keeps the agent's other tabs in step). */
    CASE_READ("case.read"),
    /** The Case's Contact view changed (late match, renamed Contact). */
    CASE_UPDATED("case.updated"),
    /** The Case's customer rated it (satisfaction 1..5 and an optional comment), once. */
    CASE_RATED("case.rated"),
    MESSAGE_POSTED("message.posted"),
    /** A send refused by case-service, routed back to the sender's connection. */
    MESSAGE_REJECTED("message.rejected"),
    CONTACT_UPDATED("contact.updated");

    private static final Map<String, EventType> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toMap(EventType::wire, Function.identity()));

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The {@code ce_type} header value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The type a header names; empty for a type this build does not know (newer producer). */
    public static Optional<EventType> fromWire(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
    }

    @JsonCreator
    static EventType parse(String wire) {
        return fromWire(wire)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + wire));
    }
}
