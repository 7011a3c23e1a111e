package io.chatcases.gateway.routing;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.protocol.ServerFrame;
import java.util.UUID;

/**
 * One relayed "is typing" of a Case, as it travels on chat.signals: who types ({@code from}, and
 * the {@code name} the other side shows), and the routing facts of the Case when it was typed
 * ({@code status}, {@code ownerId}), so every replica picks the recipients without asking
 * case-service. {@code at} is when the sending replica relayed it (epoch millis). Never stored.
 */
public record TypingSignal(
        UUID caseId, Audience.Kind from, String name, CaseStatus status, String ownerId, long at) {

    /**
     * A typing indicator lives this long on the receiving side without a renewal; a record older
     * than this when a replica reads it (consumer lag, a rebalance) is not delivered at all.
     */
    public static final long EXPIRY_MILLIS = 5_000;

    /** What the customer's side shows when the Contact has no name. */
    static final String CUSTOMER = "Customer";

    /** The typing of {@code from} in the Case {@code view}, at {@code at}. */
    public static TypingSignal of(Audience.Kind from, CaseView view, long at) {
        return new TypingSignal(
                view.caseId(),
                from,
                from == Audience.Kind.AGENT ? agentName(view) : customerName(view),
                view.status(),
                view.owner() == null ? null : view.owner().id(),
                at);
    }

    /** The owner's first name ("Alice is typing…"): customers see no more of an agent. */
    private static String agentName(CaseView view) {
        return view.owner() == null ? null : view.owner().firstName();
    }

    /** The Contact's full name, else its email, else "Customer". */
    private static String customerName(CaseView view) {
        CaseView.ContactView c = view.contact();
        if (c == null) {
            return CUSTOMER;
        }
        String name =
                ((c.firstName() == null ? "" : c.firstName())
                                + " "
                                + (c.lastName() == null ? "" : c.lastName()))
                        .trim();
        if (!name.isEmpty()) {
            return name;
        }
        return c.email() == null || c.email().isBlank() ? CUSTOMER : c.email();
    }

    /** False once the signal is older than {@link #EXPIRY_MILLIS} at {@code now}. */
    public boolean fresh(long now) {
        return now - at <= EXPIRY_MILLIS;
    }

    /** The frame the recipients get. */
    public ServerFrame.Typing frame() {
        return new ServerFrame.Typing(
                caseId, from == Audience.Kind.AGENT ? SenderType.USER : SenderType.CUSTOMER, name);
    }
}
