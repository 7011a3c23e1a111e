package io.chatcases.gateway.endpoint;

import io.chatcases.events.CaseView;
import io.chatcases.events.ErrorCode;
import io.chatcases.gateway.client.CallReports;
import io.chatcases.gateway.messaging.Signals;
import io.chatcases.gateway.policy.Refused;
import io.chatcases.gateway.policy.SocketPolicy;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.Audience;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The calls this replica's sockets take part in, so that a call ends cleanly when one side goes
 * away: a socket that closes in a call sends its peer {@code call.end {reason: "disconnected"}}
 * through chat.signals (the peer may sit on another replica), and an agent's call ends when its
 * Case stops being callable (resolved, another owner). A socket is in one call at a time (the
 * agent's from its offer, the customer's from its answer), so the state is bounded by the sockets.
 */
@ApplicationScoped
public class Calls {
    private static final Logger LOG = Logger.getLogger(Calls.class);

    /** Why the gateway ends a call whose side went away. */
    static final String DISCONNECTED = "disconnected";

    /** Why the gateway ends a call whose Case can no longer have one. */
    static final String CASE_CHANGED = "hangup";

    @Inject Signals signals;
    @Inject Sessions sessions;
    @Inject CallReports reports;

    /**
     * A call as one socket sees it: its id, its Case, audio or video (null when this socket never
     * saw the offer) and the owner it is with (null on the agent's side).
     */
    public record Active(String callId, UUID caseId, String media, String agentId) {}

    /**
     * Puts {@code s} in {@code call}: the agent's offer, the customer's answer. The same call again
     * (a renegotiation) is fine; another one while in a call is refused with CONFLICT.
     */
    void join(Session s, Active call) {
        Active now =
                s.call.updateAndGet(c -> c == null || c.callId().equals(call.callId()) ? call : c);
        if (now != call) {
            throw new Refused(
                    ErrorCode.CONFLICT,
                    "Already in call " + now.callId() + ": end it before starting another.");
        }
    }

    /** {@code s} is no longer in {@code callId} (its own end, or the peer's). */
    void left(Session s, String callId) {
        s.call.updateAndGet(c -> c != null && c.callId().equals(callId) ? null : c);
        Active r = s.ringing;
        if (r != null && r.callId().equals(callId)) {
            s.ringing = null;
        }
    }

    /** The media of the offer ringing on {@code s} for {@code callId}, or null. */
    static String ringingMedia(Session s, String callId) {
        Active r = s.ringing;
        return r != null && r.callId().equals(callId) ? r.media() : null;
    }

    /** A signal from the peer reached {@code s}: an offer rings, an end ends. */
    void delivered(Session s, CallSignal signal) {
        if (signal instanceof CallSignal.Offer offer
                && s.listener.kind() == Audience.Kind.CUSTOMER) {
            s.ringing = new Active(offer.callId(), offer.caseId(), offer.media(), null);
        } else if (signal instanceof CallSignal.End) {
            left(s, signal.callId());
        }
    }

    /**
     * {@code s} is closing: if it was in a call, the peer hears {@code call.end {reason:
     * "disconnected"}} on whichever replica it is. Returns the call it was in, or null.
     */
    Active closed(Session s) {
        Active c = s.call.getAndSet(null);
        if (c != null) {
            boolean agent = s.listener.kind() == Audience.Kind.AGENT;
            endPeer(c, agent ? null : c.agentId(), DISCONNECTED);
            reports.ended(c.caseId(), c.callId(), DISCONNECTED);
        }
        return c;
    }

    /**
     * A Case changed: each of this replica's agent sockets in a call on it whose Case is no longer
     * callable by that agent (resolved, closed, another owner) gets {@code call.end}, and so does
     * the customer. Returns how many calls ended.
     */
    public int caseChanged(CaseView view) {
        int ended = 0;
        for (Session s : sessions.agents()) {
            Active c = s.call.get();
            if (c == null
                    || s.listener.kind() != Audience.Kind.AGENT
                    || !c.caseId().equals(view.caseId())
                    || (SocketPolicy.callable(view)
                            && s.listener.agentId().equals(view.owner().id()))
                    || !s.call.compareAndSet(c, null)) {
                continue;
            }
            s.send(Frames.encode(new CallSignal.End(c.caseId(), c.callId(), CASE_CHANGED)));
            endPeer(c, null, CASE_CHANGED);
            reports.ended(c.caseId(), c.callId(), CASE_CHANGED);
            ended++;
        }
        return ended;
    }

    /** Tells the peer (the customer when {@code toAgent} is null) that the call ended. */
    private void endPeer(Active c, String toAgent, String reason) {
        signals.relay(c.caseId(), toAgent, new CallSignal.End(c.caseId(), c.callId(), reason))
                .subscribe()
                .with(
                        ok -> {},
                        f -> LOG.warnf("call.end of %s not relayed: %s", c.callId(), f.toString()));
    }
}
