package io.chatcases.cases.service;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.RatingRules;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/**
 * The customer's satisfaction rating (domain/RatingRules). The Case row is locked first, so of two
 * concurrent ratings (two tabs, a retried request) exactly one is stored and the other gets 409;
 * case.rated is written in the same transaction so that open consoles show it.
 */
@ApplicationScoped
public class RatingService {
    @Inject Outbox outbox;

    /** Stores a rating already checked by {@link RatingRules#violations}. */
    @WithTransaction
    public Uni<ChatCase> rate(UUID caseId, int score, String comment) {
        return ChatCase.<ChatCase>findById(caseId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No Case " + caseId + "."))
                .chain(
                        c -> {
                            if (c.ratingScore != null) {
                                return Uni.createFrom()
                                        .failure(conflict("Case " + c.number + " is rated."));
                            }
                            if (!RatingRules.RATABLE.contains(c.status)) {
                                return Uni.createFrom()
                                        .failure(
                                                conflict(
                                                        "Case "
                                                                + c.number
                                                                + " is "
                                                                + c.status
                                                                + ": only a resolved Case is"
                                                                + " rated."));
                            }
                            c.ratingScore = (short) score;
                            c.ratingComment = RatingRules.comment(comment);
                            c.ratedAt = Instant.now();
                            return outbox.caseEvent(EventType.CASE_RATED, c).replaceWith(c);
                        });
    }

    private static ApiException conflict(String detail) {
        return new ApiException(409, ErrorCode.CONFLICT, detail);
    }
}
