package io.chatcases.gateway.endpoint;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.gateway.client.AgentCaseApi;
import io.chatcases.gateway.client.GatewayCaseApi;
import io.chatcases.gateway.messaging.Signals;
import io.chatcases.gateway.policy.SocketPolicy;
import io.chatcases.gateway.routing.Audience;
import io.chatcases.gateway.routing.TypingSignal;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The {@code typing} frame of both sockets: throttled per socket and Case ({@link TypingThrottle},
 * extra ones dropped silently), then the Case is read from case-service (who owns it, who the
 * customer is) and the signal goes on chat.signals to every replica, which delivers it to the
 * sockets the Audience picks. An agent's typing is relayed only when it owns the Case ({@link
 * SocketPolicy#mayType}); a closed Case relays nothing. A Case the agent may not read is answered
 * with case-service's error, as for every other frame.
 */
@ApplicationScoped
public class TypingRelay {
    @Inject Signals signals;
    @Inject MeterRegistry metrics;
    @RestClient GatewayCaseApi customerCases;
    @RestClient AgentCaseApi agentCases;

    /** A customer types in its Case. */
    Uni<Void> fromCustomer(Session s, UUID caseId) {
        return admitted(s, caseId)
                ? customerCases.get(caseId).chain(view -> relay(Audience.Kind.CUSTOMER, view))
                : Uni.createFrom().voidItem();
    }

    /** An agent types in {@code caseId}. */
    Uni<Void> fromAgent(Session s, UUID caseId) {
        if (!admitted(s, caseId)) {
            return Uni.createFrom().voidItem();
        }
        return agentCases
                .get(s.bearer, caseId)
                .chain(
                        view ->
                                SocketPolicy.mayType(s.listener.agentId(), view)
                                        ? relay(Audience.Kind.AGENT, view)
                                        : dropped("not-owner"));
    }

    private boolean admitted(Session s, UUID caseId) {
        if (s.typing.admit(caseId, System.currentTimeMillis())) {
            return true;
        }
        dropped("throttled");
        return false;
    }

    private Uni<Void> relay(Audience.Kind from, CaseView view) {
        if (view.status() == CaseStatus.CLOSED) {
            return dropped("closed");
        }
        metrics.counter("chat.typing.relayed", "from", from.name().toLowerCase()).increment();
        return signals.typing(TypingSignal.of(from, view, System.currentTimeMillis()));
    }

    private Uni<Void> dropped(String reason) {
        metrics.counter("chat.typing.dropped", "reason", reason).increment();
        return Uni.createFrom().voidItem();
    }
}
