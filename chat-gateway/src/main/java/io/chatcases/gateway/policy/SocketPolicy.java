package io.chatcases.gateway.policy;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.ErrorCode;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.ClientFrame;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.Audience;
import java.util.Set;
import java.util.UUID;

/**
 * What a socket may send, and about which Case: plain rules, unit-tested as a table
 * (SocketPolicyTest). Case rights themselves stay case-service's (the agent's own token); the
 * gateway decides only what it relays without case-service: the socket's frame types, a customer's
 * one Case, and call signals.
 */
public final class SocketPolicy {
    private static final Set<Class<? extends ClientFrame>> CUSTOMER =
            Set.of(
                    ClientFrame.Send.class,
                    ClientFrame.Resume.class,
                    ClientFrame.Typing.class,
                    CallSignal.Answer.class,
                    CallSignal.Ice.class,
                    CallSignal.End.class);

    private static final Set<Class<? extends ClientFrame>> AGENT =
            Set.of(
                    ClientFrame.Send.class,
                    ClientFrame.Note.class,
                    ClientFrame.Open.class,
                    ClientFrame.Close.class,
                    ClientFrame.Claim.class,
                    ClientFrame.Resolve.class,
                    ClientFrame.Read.class,
                    ClientFrame.Resume.class,
                    ClientFrame.Auth.class,
                    ClientFrame.Typing.class,
                    ClientFrame.Presence.class,
                    CallSignal.Offer.class,
                    CallSignal.Ice.class,
                    CallSignal.End.class);

    private SocketPolicy() {}

    /** True when a socket of {@code kind} may send frames of this type at all. */
    public static boolean accepts(Audience.Kind kind, ClientFrame frame) {
        return (kind == Audience.Kind.CUSTOMER ? CUSTOMER : AGENT).contains(frame.getClass());
    }

    /**
     * The Case a frame acts on. A customer's socket acts on its token's Case only (FORBIDDEN when
     * the frame names another); an agent's frame must name its Case (BAD_FRAME otherwise).
     */
    public static UUID caseOf(Audience.Listener socket, ClientFrame frame) {
        if (socket.kind() == Audience.Kind.CUSTOMER) {
            if (frame.caseId() != null && !frame.caseId().equals(socket.caseId())) {
                throw new Refused(ErrorCode.FORBIDDEN, "This token is for another Case.");
            }
            return socket.caseId();
        }
        if (frame.caseId() == null) {
            throw new Frames.BadFrame("'caseId' is required.");
        }
        return frame.caseId();
    }

    /**
     * RULE: typing-owner: only the owner of a Case shows typing to its customer. Another agent's
     * typing (a colleague reading a claimed Case, anyone on a NEW one) is dropped silently, not
     * refused: the owner can change while someone types, and a typing indicator is not worth an
     * error. True when {@code agentId} may signal typing in {@code view}.
     */
    public static boolean mayType(String agentId, CaseView view) {
        return view.owner() != null
                && agentId.equals(view.owner().id())
                && view.status() != CaseStatus.CLOSED;
    }

    /**
     * RULE: calls: audio and video calls only on Support SDK Cases. ARCHITECTURE.md flow 8: a call
     * only on an owned, READY, Support SDK Case, between its customer and its owner. {@code socket}
     * is already bound to the Case (customer) or is the agent asking; {@code view} is the Case as
     * case-service answers it now.
     */
    public static void checkCall(Audience.Listener socket, CaseView view) {
        boolean party =
                socket.kind() == Audience.Kind.CUSTOMER
                        ? view.caseId().equals(socket.caseId())
                        : view.owner() != null && socket.agentId().equals(view.owner().id());
        if (!party || !callable(view)) {
            throw new Refused(
                    ErrorCode.FORBIDDEN,
                    socket.kind() == Audience.Kind.CUSTOMER
                            ? "This chat has no call to answer."
                            : "Calls are for the owner of an open Support SDK Case.");
        }
    }

    /**
     * True while {@code view} may have a call: owned, READY, Support SDK. A call in progress ends
     * when its Case stops being callable, or changes owner (endpoint/Calls).
     */
    public static boolean callable(CaseView view) {
        return view.owner() != null
                && view.status() == CaseStatus.READY
                && view.channel() == Channel.SUPPORT_SDK;
    }
}
