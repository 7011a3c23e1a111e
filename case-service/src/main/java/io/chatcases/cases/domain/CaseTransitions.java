package io.chatcases.cases.domain;

import io.chatcases.events.CaseStatus;

/**
 * The Case state machine as pure rules. The database applies each transition with one conditional
 * UPDATE; these methods decide what to do and explain the outcome when the UPDATE matched nothing.
 */
public final class CaseTransitions {

    /** What a claim attempt means for a Case in a given state. */
    public enum ClaimOutcome {
        /** NEW: the claim may win. */
        CLAIMABLE,
        /** Already owned by the claimant: a no-op, not an error. */
        ALREADY_MINE,
        /** Owned by someone else (or resolved/closed): 409. */
        TAKEN
    }

    /** What a customer message does to a Case. */
    public enum CustomerMessageOutcome {
        ACCEPT,
        /** RESOLVED -> READY with the same owner. */
        REOPEN,
        /** CLOSED: refused; the widget offers a new chat. */
        REFUSE
    }

    private CaseTransitions() {}

    public static ClaimOutcome claim(CaseStatus status, String ownerId, String agentId) {
        if (status == CaseStatus.NEW) {
            return ClaimOutcome.CLAIMABLE;
        }
        return agentId.equals(ownerId) && status == CaseStatus.READY
                ? ClaimOutcome.ALREADY_MINE
                : ClaimOutcome.TAKEN;
    }

    public static CustomerMessageOutcome customerMessage(CaseStatus status) {
        return switch (status) {
            case NEW, READY -> CustomerMessageOutcome.ACCEPT;
            case RESOLVED -> CustomerMessageOutcome.REOPEN;
            case CLOSED -> CustomerMessageOutcome.REFUSE;
        };
    }

    /** Only the owner of an open, owned Case may write to the customer. */
    public static boolean userMayPost(CaseStatus status, String ownerId, String agentId) {
        return status == CaseStatus.READY && agentId.equals(ownerId);
    }

    /** The owner, or an admin, resolves a READY Case. */
    public static boolean mayResolve(
            CaseStatus status, String ownerId, String agentId, boolean admin) {
        return status == CaseStatus.READY && (admin || agentId.equals(ownerId));
    }

    /** Agents see NEW Cases and their own; admins and services see every Case. */
    public static boolean mayRead(
            CaseStatus status, String ownerId, String agentId, boolean seesAll) {
        return seesAll || status == CaseStatus.NEW || agentId.equals(ownerId);
    }
}
