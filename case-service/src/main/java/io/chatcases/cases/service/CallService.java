package io.chatcases.cases.service;

import io.chatcases.cases.domain.CallLog;
import io.chatcases.cases.domain.CaseCall;
import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.events.ErrorCode;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/**
 * Calls as the gateways report them (domain/CallLog): one {@link CaseCall} row per call and its log
 * entries appended through {@link CaseChanges}. Every report locks the Case row first, so the
 * reports of one Case (both replicas, retries) run one after the other and each step is logged
 * once: a repeat finds the step already recorded and changes nothing.
 */
@ApplicationScoped
public class CallService {
    @Inject CaseChanges changes;

    /** A call's state after a report. */
    public record CallView(
            UUID caseId,
            String callId,
            String media,
            Instant offeredAt,
            Instant answeredAt,
            Instant endedAt,
            String endReason) {
        static CallView of(CaseCall c) {
            return new CallView(
                    c.caseId, c.callId, c.media, c.offeredAt, c.answeredAt, c.endedAt, c.endReason);
        }
    }

    /** Records {@code event} of the call (media for OFFERED, reason for ENDED, else null). */
    @WithTransaction
    public Uni<CallView> report(
            UUID caseId, String callId, CallLog.Event event, String media, String reason) {
        return ChatCase.<ChatCase>findById(caseId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No Case " + caseId + "."))
                .chain(
                        c ->
                                CaseCall.<CaseCall>findById(new CaseCall.Key(caseId, callId))
                                        .chain(
                                                call ->
                                                        switch (event) {
                                                            case OFFERED ->
                                                                    offered(c, call, callId, media);
                                                            case STARTED -> started(c, call);
                                                            case ENDED -> ended(c, call, reason);
                                                        }))
                .map(CallView::of);
    }

    /** The owner's offer: the call is recorded (no message); only on a callable Case. */
    private Uni<CaseCall> offered(ChatCase c, CaseCall known, String callId, String media) {
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        if (!CallLog.callable(c)) {
            return Uni.createFrom()
                    .failure(
                            new ApiException(
                                    409,
                                    ErrorCode.CONFLICT,
                                    "Case "
                                            + c.number
                                            + " cannot have calls: only an owned, READY"
                                            + " Support SDK Case can."));
        }
        CaseCall call = new CaseCall();
        call.caseId = c.id;
        call.callId = callId;
        call.media = media;
        call.offeredAt = Instant.now();
        return call.persist();
    }

    /** The customer answered: "... call started", once, unless the call already ended. */
    private Uni<CaseCall> started(ChatCase c, CaseCall call) {
        if (call == null) {
            return unknown(c);
        }
        if (call.answeredAt != null || call.endedAt != null) {
            return Uni.createFrom().item(call);
        }
        call.answeredAt = Instant.now();
        return log(c, call, CallLog.started(call.media));
    }

    /** The call ended: its duration, or declined / missed, once. */
    private Uni<CaseCall> ended(ChatCase c, CaseCall call, String reason) {
        if (call == null) {
            return unknown(c);
        }
        if (call.endedAt != null) {
            return Uni.createFrom().item(call);
        }
        call.endedAt = Instant.now();
        call.endReason = reason == null ? "hangup" : reason;
        return log(c, call, CallLog.ended(call.media, call.answeredAt, call.endedAt, reason));
    }

    private Uni<CaseCall> log(ChatCase c, CaseCall call, String text) {
        Transition t = CaseChanges.decide(c, new CaseTransitions.CallLogged(text));
        return t.applied()
                ? changes.apply(c, t, null, null, null).replaceWith(call)
                : Uni.createFrom().item(call);
    }

    private static Uni<CaseCall> unknown(ChatCase c) {
        return Uni.createFrom()
                .failure(ApiException.notFound("No such call on Case " + c.number + "."));
    }
}
