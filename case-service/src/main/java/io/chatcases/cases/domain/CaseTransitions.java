package io.chatcases.cases.domain;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.EventType;
import java.util.List;
import java.util.UUID;

/**
 * The Case state machine, in one pure function: {@link #apply(CaseState, Command)} gives, for the
 * current state and a command, the next state and its effects (the system message to append and the
 * events to publish, in order). {@code service/CaseChanges} is the one path that applies a {@link
 * Transition} to a Case row; nothing else changes a Case's status.
 *
 * <p>Rules (ARCHITECTURE.md, "Case state machine"; grep for {@code RULE:}):
 *
 * <ul>
 *   <li>RULE: claim: only a NEW Case can be claimed ({@link #CLAIMABLE}); it becomes READY, owned
 *       by the claimant, and the customer receives a message naming the owner's first and last
 *       name.
 *   <li>RULE: resolve: the owner (or an admin) resolves a READY Case; the customer is told who.
 *   <li>RULE: transfer: the owner (or an admin) hands a READY Case to another agent, who owns it
 *       from then on, or returns it to the queue (NEW, no owner); the customer is told the new
 *       owner's first and last name, as on a claim, or that the chat waits for the next agent.
 *   <li>RULE: reopen: a customer message on a RESOLVED Case reopens it to READY, same owner.
 *   <li>RULE: closed: a customer message on a CLOSED Case is refused; the widget offers a new chat.
 *   <li>RULE: agent-send: only the owner of a READY Case writes to the customer.
 *   <li>RULE: close-after-resolve: a RESOLVED Case closes (Housekeeping, after cases.close-after).
 *   <li>RULE: visibility: agents see NEW Cases and their own; admins and services see all.
 *   <li>RULE: note-visibility: an agent who may see a Case writes private notes on it; notes are
 *       read by agents and admins only, never by a customer ({@link #readsNotes}).
 *   <li>A new Case greets the customer (cases.greeting; empty = off): one SYSTEM message at
 *       creation, in the creating transaction, so a replayed start never greets twice.
 * </ul>
 */
public final class CaseTransitions {

    /**
     * The only status a claim can start from. The claim's conditional UPDATE uses it as its {@code
     * WHERE status = ...}, so that exactly one of concurrent claimants wins.
     */
    public static final CaseStatus CLAIMABLE = CaseStatus.NEW;

    private CaseTransitions() {}

    /** The parts of a Case the rules look at. */
    public record CaseState(CaseStatus status, String ownerId) {}

    /** An agent as the rules see it: id and the names a claim shows to the customer. */
    public record Agent(String id, String firstName, String lastName, boolean admin) {
        public String fullName() {
            return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName))
                    .trim();
        }
    }

    /** What may happen to a Case. */
    public sealed interface Command {}

    /** An agent claims the Case. */
    public record Claim(Agent agent) implements Command {}

    /** The owner or an admin resolves the Case. */
    public record Resolve(Agent agent) implements Command {}

    /** The owner or an admin hands the Case to another agent. */
    public record Transfer(Agent by, Agent to) implements Command {}

    /** The owner or an admin returns the Case to the queue. */
    public record Unassign(Agent by) implements Command {}

    /** The customer sends a message. */
    public record CustomerMessage() implements Command {}

    /** An agent (USER sender) sends a message to the customer. */
    public record AgentMessage(String agentId) implements Command {}

    /** An agent (or an admin) writes a private note on the Case. */
    public record Note(Agent agent) implements Command {}

    /** A gateway logs a call: a SYSTEM sender, with text only. */
    public record SystemMessage(boolean file) implements Command {}

    /**
     * The Case was just created: the customer is greeted with {@code text} ("An agent will be with
     * you shortly."); a blank text is no greeting.
     */
    public record Greet(String text) implements Command {}

    /**
     * A call's start or end is logged (domain/CallLog decides the text). A call may end just after
     * its Case was resolved (the resolve ends it), so a RESOLVED Case still takes the entry.
     */
    public record CallLogged(String text) implements Command {}

    /** Housekeeping closes a Case resolved long enough ago. */
    public record Close() implements Command {}

    /** The Contact view of the Case changes (matched late, or renamed). */
    public record ContactChanged() implements Command {}

    /** Applied: the change happens. No-op: nothing changes, no error. Refused: an error. */
    public enum Outcome {
        APPLIED,
        NO_OP,
        REFUSED
    }

    /**
     * Why a command is refused: the protocol error code, and whether the caller is not allowed
     * (403) or the Case is in the wrong state (409).
     */
    public enum Refusal {
        /** Claimed by someone else, resolved or closed: 409 ALREADY_CLAIMED. */
        TAKEN(ErrorCode.ALREADY_CLAIMED),
        /** Not the owner (nor an admin): 403. */
        NOT_OWNER(ErrorCode.FORBIDDEN),
        /** The Case is not in a state that allows the command: 409. */
        WRONG_STATE(ErrorCode.CONFLICT),
        /** CLOSED: the customer must start a new chat. */
        CLOSED(ErrorCode.CASE_CLOSED);

        public final ErrorCode code;

        Refusal(ErrorCode code) {
            this.code = code;
        }
    }

    /**
     * A transition's result: outcome, the next state, whether a message is appended (it takes the
     * next seq) and whether it is a customer message, the system text to append (null when the
     * appended message is the sender's own or none), the events to publish in order, and the
     * refusal when refused.
     */
    public record Transition(
            Outcome outcome,
            CaseState next,
            boolean appendsMessage,
            boolean fromCustomer,
            String systemText,
            List<EventType> events,
            Refusal refusal) {

        static Transition applied(
                CaseState next,
                boolean appendsMessage,
                boolean fromCustomer,
                String systemText,
                EventType... events) {
            return new Transition(
                    Outcome.APPLIED,
                    next,
                    appendsMessage,
                    fromCustomer,
                    systemText,
                    List.of(events),
                    null);
        }

        static Transition noOp(CaseState state) {
            return new Transition(Outcome.NO_OP, state, false, false, null, List.of(), null);
        }

        static Transition refused(CaseState state, Refusal refusal) {
            return new Transition(Outcome.REFUSED, state, false, false, null, List.of(), refusal);
        }

        public boolean applied() {
            return outcome == Outcome.APPLIED;
        }
    }

    /** The one transition function of the Case state machine. */
    public static Transition apply(CaseState s, Command command) {
        // Java 17: no pattern matching in switch yet; the sealed interface keeps the list closed.
        if (command instanceof Claim c) {
            return claim(s, c.agent());
        }
        if (command instanceof Resolve r) {
            return resolve(s, r.agent());
        }
        if (command instanceof Transfer t) {
            return transfer(s, t.by(), t.to());
        }
        if (command instanceof Unassign u) {
            return unassign(s, u.by());
        }
        if (command instanceof CustomerMessage) {
            return customerMessage(s);
        }
        if (command instanceof AgentMessage m) {
            return agentMessage(s, m.agentId());
        }
        if (command instanceof Note n) {
            return note(s, n.agent());
        }
        if (command instanceof SystemMessage m) {
            return systemMessage(s, m.file());
        }
        if (command instanceof CallLogged l) {
            return s.status() == CaseStatus.CLOSED
                    ? Transition.noOp(s)
                    : Transition.applied(s, true, false, l.text(), EventType.MESSAGE_POSTED);
        }
        if (command instanceof Close) {
            return close(s);
        }
        if (command instanceof Greet g) {
            return greet(s, g.text());
        }
        if (command instanceof ContactChanged) {
            return contactChanged(s);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private static Transition claim(CaseState s, Agent agent) {
        if (s.status() == CLAIMABLE) {
            return Transition.applied(
                    new CaseState(CaseStatus.READY, agent.id()),
                    true,
                    false,
                    "You are now chatting with " + agent.fullName(),
                    EventType.CASE_CLAIMED,
                    EventType.MESSAGE_POSTED);
        }
        // Claiming one's own open Case again is a no-op, not an error (a double click).
        return s.status() == CaseStatus.READY && agent.id().equals(s.ownerId())
                ? Transition.noOp(s)
                : Transition.refused(s, Refusal.TAKEN);
    }

    private static Transition resolve(CaseState s, Agent agent) {
        if (s.status() != CaseStatus.READY) {
            return Transition.refused(s, Refusal.WRONG_STATE);
        }
        if (!agent.admin() && !agent.id().equals(s.ownerId())) {
            return Transition.refused(s, Refusal.NOT_OWNER);
        }
        return Transition.applied(
                new CaseState(CaseStatus.RESOLVED, s.ownerId()),
                true,
                false,
                "This chat was resolved by " + agent.fullName() + ".",
                EventType.CASE_RESOLVED,
                EventType.MESSAGE_POSTED);
    }

    /** What the customer reads when their chat goes back to the queue. */
    public static final String UNASSIGNED_TEXT =
            "Your chat is waiting for the next available agent.";

    private static Transition transfer(CaseState s, Agent by, Agent to) {
        Transition refused = ownerCommand(s, by);
        if (refused != null) {
            return refused;
        }
        if (to.id().equals(s.ownerId())) {
            return Transition.noOp(s);
        }
        return Transition.applied(
                new CaseState(CaseStatus.READY, to.id()),
                true,
                false,
                "You are now chatting with " + to.fullName(),
                EventType.CASE_TRANSFERRED,
                EventType.MESSAGE_POSTED);
    }

    private static Transition unassign(CaseState s, Agent by) {
        Transition refused = ownerCommand(s, by);
        return refused != null
                ? refused
                : Transition.applied(
                        new CaseState(CaseStatus.NEW, null),
                        true,
                        false,
                        UNASSIGNED_TEXT,
                        EventType.CASE_UNASSIGNED,
                        EventType.MESSAGE_POSTED);
    }

    /** Transfer and unassign: only on a READY Case, by its owner or an admin; null when allowed. */
    private static Transition ownerCommand(CaseState s, Agent by) {
        if (s.status() != CaseStatus.READY) {
            return Transition.refused(s, Refusal.WRONG_STATE);
        }
        return by.admin() || by.id().equals(s.ownerId())
                ? null
                : Transition.refused(s, Refusal.NOT_OWNER);
    }

    private static Transition customerMessage(CaseState s) {
        return switch (s.status()) {
            case NEW, READY -> Transition.applied(s, true, true, null, EventType.MESSAGE_POSTED);
            case RESOLVED ->
                    Transition.applied(
                            new CaseState(CaseStatus.READY, s.ownerId()),
                            true,
                            true,
                            null,
                            EventType.CASE_REOPENED,
                            EventType.MESSAGE_POSTED);
            case CLOSED -> Transition.refused(s, Refusal.CLOSED);
        };
    }

    private static Transition agentMessage(CaseState s, String agentId) {
        return userMayPost(s.status(), s.ownerId(), agentId)
                ? Transition.applied(s, true, false, null, EventType.MESSAGE_POSTED)
                : Transition.refused(s, Refusal.NOT_OWNER);
    }

    /**
     * RULE: note-visibility: whoever may see the Case may note on it, whatever its status (an agent
     * documents a closed Case too); the note takes the next seq like any message.
     */
    private static Transition note(CaseState s, Agent agent) {
        return mayRead(s.status(), s.ownerId(), agent.id(), agent.admin())
                ? Transition.applied(s, true, false, null, EventType.MESSAGE_POSTED)
                : Transition.refused(s, Refusal.NOT_OWNER);
    }

    private static Transition systemMessage(CaseState s, boolean file) {
        return s.status().isOpen() && !file
                ? Transition.applied(s, true, false, null, EventType.MESSAGE_POSTED)
                : Transition.refused(s, Refusal.NOT_OWNER);
    }

    private static Transition greet(CaseState s, String text) {
        // Only a Case nobody claimed yet; an empty greeting is switched off.
        return s.status() == CaseStatus.NEW && text != null && !text.isBlank()
                ? Transition.applied(s, true, false, text.strip(), EventType.MESSAGE_POSTED)
                : Transition.noOp(s);
    }

    private static Transition close(CaseState s) {
        return s.status() == CaseStatus.RESOLVED
                ? Transition.applied(
                        new CaseState(CaseStatus.CLOSED, s.ownerId()),
                        false,
                        false,
                        null,
                        EventType.CASE_CLOSED)
                : Transition.noOp(s);
    }

    private static Transition contactChanged(CaseState s) {
        // Resolved and closed Cases keep the Contact view they ended with.
        return s.status().isOpen()
                ? Transition.applied(s, false, false, null, EventType.CASE_UPDATED)
                : Transition.noOp(s);
    }

    /** RULE: agent-send: only the owner of an open, owned Case may write to the customer. */
    public static boolean userMayPost(CaseStatus status, String ownerId, String agentId) {
        return status == CaseStatus.READY && agentId.equals(ownerId);
    }

    /** RULE: visibility: agents see NEW Cases and their own; admins and services see every Case. */
    public static boolean mayRead(
            CaseStatus status, String ownerId, String agentId, boolean seesAll) {
        return seesAll || status == CaseStatus.NEW || agentId.equals(ownerId);
    }

    /**
     * RULE: history: whoever may read a Case may also read, never act on, the Contact's other
     * Cases, open and past, whoever owns them (the customer's history beside the chat). Only Cases
     * of the very same Contact: a Case with no Contact yet has no history.
     */
    public static boolean inHistoryOf(UUID contactId, UUID otherContactId) {
        return contactId != null && contactId.equals(otherContactId);
    }

    /**
     * RULE: note-visibility: agents and admins read notes; a service reads a Case for a customer
     * (the gateway's customer socket and {@code /api/chats}), so it never gets them.
     */
    public static boolean readsNotes(boolean service) {
        return !service;
    }
}
