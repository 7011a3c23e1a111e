package io.chatcases.cases.service;

import io.chatcases.cases.domain.QuickReply;
import io.chatcases.cases.domain.QuickReplyTemplate;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The organisation's Quick Replies. Shape checks (lengths, shortcut syntax) happen when the request
 * is decoded; this class adds the placeholder rules and lets the unique index, not a prior read,
 * decide which of two equal shortcuts wins.
 */
@ApplicationScoped
public class QuickReplyService {

    /** Error code of a 409 when the shortcut is taken. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final char LIKE_ESCAPE = '!';

    /** What an admin writes: the same fields on create and on a full replace. */
    public record Draft(String shortcut, String title, String body) {}

    /** All Quick Replies by shortcut, or those whose shortcut starts with {@code prefix}. */
    @WithSession
    public Uni<List<QuickReply>> list(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return QuickReply.listAll(Sort.by("shortcut"));
        }
        return QuickReply.list(
                "shortcut like ?1 escape '" + LIKE_ESCAPE + "'",
                Sort.by("shortcut"),
                likePrefix(QuickReply.normalizeShortcut(prefix.strip())));
    }

    @WithSession
    public Uni<QuickReply> get(UUID id) {
        return QuickReply.<QuickReply>findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithTransaction
    public Uni<QuickReply> create(Draft draft) {
        ApiException invalid = checkBody(draft.body());
        if (invalid != null) {
            return Uni.createFrom().failure(invalid);
        }
        QuickReply q = new QuickReply();
        q.id = UUID.randomUUID();
        q.createdAt = now();
        apply(q, draft, q.createdAt);
        // Flush here so a duplicate fails inside this method, where it can become a 409.
        return q.<QuickReply>persistAndFlush()
                .onFailure(QuickReplyService::isShortcutTaken)
                .transform(f -> shortcutTaken(q.shortcut));
    }

    /** Replaces every field of an existing Quick Reply. */
    @WithTransaction
    public Uni<QuickReply> update(UUID id, Draft draft) {
        ApiException invalid = checkBody(draft.body());
        if (invalid != null) {
            return Uni.createFrom().failure(invalid);
        }
        return QuickReply.<QuickReply>findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .call(
                        q -> {
                            apply(q, draft, now());
                            return q.persistAndFlush()
                                    .onFailure(QuickReplyService::isShortcutTaken)
                                    .transform(f -> shortcutTaken(q.shortcut));
                        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return QuickReply.deleteById(id)
                .onItem()
                .transformToUni(
                        deleted ->
                                deleted
                                        ? Uni.createFrom().voidItem()
                                        : Uni.createFrom().failure(notFound(id)));
    }

    /** A 400 naming the field {@code body} once per bad placeholder, or null when it is fine. */
    static ApiException checkBody(String body) {
        List<QuickReplyTemplate.Issue> issues = QuickReplyTemplate.validate(body);
        if (issues.isEmpty()) {
            return null;
        }
        List<Problem.Violation> violations =
                issues.stream().map(i -> new Problem.Violation("body", i.message())).toList();
        String detail =
                issues.size() == 1
                        ? "body: " + issues.get(0).message()
                        : "body has " + issues.size() + " bad placeholders";
        return new ApiException(400, ErrorCode.BAD_REQUEST, detail, violations, null);
    }

    private static void apply(QuickReply q, Draft draft, OffsetDateTime now) {
        q.shortcut = QuickReply.normalizeShortcut(draft.shortcut());
        q.title = draft.title();
        q.body = draft.body();
        q.updatedAt = now;
    }

    /** Microseconds, as PostgreSQL stores them, so the answer equals a later read. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String likePrefix(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                sb.append(LIKE_ESCAPE);
            }
            sb.append(c);
        }
        return sb.append('%').toString();
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("Quick Reply " + id + " does not exist");
    }

    private static ApiException shortcutTaken(String shortcut) {
        return new ApiException(
                409, ErrorCode.SHORTCUT_TAKEN, "Another Quick Reply has the shortcut " + shortcut);
    }

    /**
     * True when PostgreSQL refused the row because the shortcut's unique index holds it. Hibernate
     * Reactive reports it as its ConstraintViolationException over a java.sql.SQLException; the
     * bare client error is recognised too in case a future version stops wrapping it.
     */
    private static boolean isShortcutTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException cve
                    && QuickReply.SHORTCUT_CONSTRAINT.equals(cve.getConstraintName())) {
                return true;
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return String.valueOf(sql.getMessage()).contains(QuickReply.SHORTCUT_CONSTRAINT);
            }
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return QuickReply.SHORTCUT_CONSTRAINT.equals(pg.getConstraint());
            }
        }
        return false;
    }
}
