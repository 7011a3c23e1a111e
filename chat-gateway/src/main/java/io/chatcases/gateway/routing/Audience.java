package io.chatcases.gateway.routing;

import io.chatcases.events.CaseEvent;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.EventType;
import io.chatcases.events.MessageKind;
import io.chatcases.events.MessageView;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * RULE: claim-fanout: every agent's console hears of every claim and transfer, so the tile vanishes
 * from everyone else's row (and appears, blue, on the new owner's).
 *
 * <p>Who receives a case event: one pure function, tested on exact recipient sets. Customers see
 * their own Case's conversation and status, never internal frames; agents see NEW Cases, every
 * claim (so the tile leaves the others' rows), and afterwards only the Cases they own.
 *
 * <p>RULE: note-visibility (case-service decides it and never serves notes to customers): a private
 * note ({@link MessageKind#NOTE}) reaches agents as any message of its Case does, and never a
 * customer socket, here again in depth ({@link #forCustomer}).
 */
public final class Audience {

    /** Who holds a socket. */
    public enum Kind {
        CUSTOMER,
        AGENT
    }

    /** One socket: a customer bound to a Case, or an agent. */
    public record Listener(String connectionId, Kind kind, UUID caseId, String agentId) {
        public static Listener customer(String connectionId, UUID caseId) {
            return new Listener(connectionId, Kind.CUSTOMER, caseId, null);
        }

        public static Listener agent(String connectionId, String agentId) {
            return new Listener(connectionId, Kind.AGENT, null, agentId);
        }
    }

    /** What routing needs to know of an event. */
    public record Event(
            EventType type,
            UUID caseId,
            CaseStatus status,
            String ownerId,
            String readAgentId,
            String rejectionConnectionId,
            boolean note) {

        /** An event that carries no private note. */
        public Event(
                EventType type,
                UUID caseId,
                CaseStatus status,
                String ownerId,
                String readAgentId,
                String rejectionConnectionId) {
            this(type, caseId, status, ownerId, readAgentId, rejectionConnectionId, false);
        }

        /**
         * The routing facts of a case event. A refused send to a Case that does not exist comes
         * without one ({@code case: null}): it is routed by its connection alone, so its caseId is
         * null (before, the whole event was skipped and the sender never got its error frame; found
         * by HostileInputIT). Every other event names its Case.
         */
        public static Event of(EventType type, CaseEvent event) {
            CaseView kase = event.caseView();
            UUID caseId =
                    kase != null
                            ? kase.caseId()
                            : event.message() != null ? event.message().caseId() : null;
            if (caseId == null && type != EventType.MESSAGE_REJECTED) {
                throw new IllegalArgumentException("a " + type.wire() + " event without its Case");
            }
            return new Event(
                    type,
                    caseId,
                    kase == null ? null : kase.status(),
                    kase == null || kase.owner() == null ? null : kase.owner().id(),
                    event.read() == null ? null : event.read().agentId(),
                    event.rejection() == null ? null : event.rejection().connectionId(),
                    event.message() != null && isNote(event.message()));
        }
    }

    private static final Set<EventType> CUSTOMER_TYPES =
            Set.of(
                    EventType.MESSAGE_POSTED,
                    EventType.CASE_CREATED,
                    EventType.CASE_CLAIMED,
                    EventType.CASE_TRANSFERRED,
                    EventType.CASE_UNASSIGNED,
                    EventType.CASE_RESOLVED,
                    EventType.CASE_REOPENED,
                    EventType.CASE_CLOSED,
                    // Their own rating: the customer's other tabs stop asking for one.
                    EventType.CASE_RATED);

    private Audience() {}

    public static boolean receives(Event e, Listener l) {
        if (e.type() == EventType.MESSAGE_REJECTED) {
            return l.connectionId().equals(e.rejectionConnectionId());
        }
        if (l.kind() == Kind.CUSTOMER) {
            return !e.note() && e.caseId().equals(l.caseId()) && CUSTOMER_TYPES.contains(e.type());
        }
        if (e.type() == EventType.CASE_READ) {
            return l.agentId().equals(e.readAgentId());
        }
        if (e.type() == EventType.CASE_CLAIMED
                || e.type() == EventType.CASE_TRANSFERRED
                || e.status() == CaseStatus.NEW) {
            return true;
        }
        return l.agentId().equals(e.ownerId());
    }

    /** True for a private note: agents only. */
    public static boolean isNote(MessageView message) {
        return message.kind() == MessageKind.NOTE;
    }

    /**
     * What a customer may be shown of a page of the conversation read from case-service: every
     * message but private notes (which case-service already leaves out for the gateway).
     */
    public static List<MessageView> forCustomer(List<MessageView> messages) {
        return messages.stream().anyMatch(Audience::isNote)
                ? messages.stream().filter(m -> !isNote(m)).toList()
                : messages;
    }

    /**
     * Call signals go to the customer sockets of the Case ({@code agentId} null) or to the sockets
     * of one agent, the owner who placed or receives the call.
     */
    public static boolean receivesSignal(UUID caseId, String agentId, Listener l) {
        return agentId == null
                ? l.kind() == Kind.CUSTOMER && caseId.equals(l.caseId())
                : l.kind() == Kind.AGENT && agentId.equals(l.agentId());
    }

    /**
     * RULE: typing-audience: a customer's typing goes to the agents who receive the Case's messages
     * (the owner; every agent while the Case is NEW), never to a customer socket; the owner's
     * typing goes to the Case's customer sockets only (not to other agents: after a claim no other
     * agent follows the conversation, and agent-to-agent typing is noise). The sender's own side
     * never gets it back.
     */
    public static boolean receivesTyping(TypingSignal t, Listener l) {
        if (t.from() == Kind.AGENT) {
            return l.kind() == Kind.CUSTOMER && t.caseId().equals(l.caseId());
        }
        return l.kind() == Kind.AGENT
                && receives(
                        new Event(
                                EventType.MESSAGE_POSTED,
                                t.caseId(),
                                t.status(),
                                t.ownerId(),
                                null,
                                null),
                        l);
    }
}
