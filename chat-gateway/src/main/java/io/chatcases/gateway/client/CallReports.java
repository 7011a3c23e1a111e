package io.chatcases.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Reports each call's steps to case-service, which logs the call in the conversation exactly once
 * (both replicas may report the same step; retries too). A report never fails a call: a refusal
 * (4xx: a Case that cannot have calls, a call nobody offered) is final and only logged here; a
 * transient failure is retried a few times with back-off, then given up (the conversation then
 * misses that entry, the call itself is unaffected).
 */
@ApplicationScoped
public class CallReports {
    private static final Logger LOG = Logger.getLogger(CallReports.class);

    /** The offer waits for its report (so the call exists before any answer or end), this long. */
    static final Duration OFFER_WAIT = Duration.ofSeconds(2);

    @RestClient GatewayCaseApi cases;

    /** The owner's offer, awaited before the relay (at most {@link #OFFER_WAIT}). */
    public Uni<Void> offered(UUID caseId, String callId, String media) {
        return send(caseId, callId, new GatewayCaseApi.CallReport("OFFERED", media, null), 1)
                .ifNoItem()
                .after(OFFER_WAIT)
                .recoverWithItem(() -> null);
    }

    /** The customer's answer was relayed. */
    public void started(UUID caseId, String callId) {
        send(caseId, callId, new GatewayCaseApi.CallReport("STARTED", null, null), 3)
                .subscribe()
                .with(ok -> {});
    }

    /** The call ended ({@code reason} as relayed; null = hangup). */
    public void ended(UUID caseId, String callId, String reason) {
        send(caseId, callId, new GatewayCaseApi.CallReport("ENDED", null, reason), 3)
                .subscribe()
                .with(ok -> {});
    }

    private Uni<Void> send(UUID caseId, String callId, GatewayCaseApi.CallReport r, int retries) {
        return Uni.createFrom()
                .deferred(() -> cases.reportCall(caseId, callId, r))
                .replaceWithVoid()
                .onFailure(CallReports::isTransient)
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(retries)
                .onFailure()
                .recoverWithItem(
                        f -> {
                            LOG.infof(
                                    "call %s %s of Case %s not logged: %s",
                                    callId, r.event(), caseId, f.toString());
                            return null;
                        });
    }

    /** Worth retrying: no answer, or a 5xx; a 4xx answer stays the same. */
    private static boolean isTransient(Throwable f) {
        return !(f instanceof WebApplicationException w) || w.getResponse().getStatus() >= 500;
    }
}
