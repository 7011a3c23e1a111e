package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Case life cycle: start, claim, resolve, read marks, reads. Each method is one transaction. */
@ApplicationScoped
public class CaseService {
    @Inject Outbox outbox;
    @Inject SystemMessages systemMessages;
    @Inject ChatStarts starts;

    /** The Contact a chat was matched to, or the entered data when matching was impossible. */
    public record ContactMatch(
            UUID contactId, String email, String firstName, String lastName, String initials) {}

    /**
     * Starts a chat from a typed email: always a NEW Case, email not verified. Kept for callers
     * that have no identity or key (tests, fixtures); {@link ChatStarts} holds the rules.
     */
    public Uni<ChatStarts.Started> start(Channel channel, ContactMatch contact) {
        return starts.start(new ChatStarts.StartRequest(channel, contact, false, null));
    }

    /** Claim result: the Case after the call and whether this call won it. */
    public record Claimed(ChatCase kase, boolean won) {}

    /**
     * Claims a NEW Case with one conditional UPDATE; exactly one concurrent claimant wins. The
     * winner's transaction also writes the customer-facing system message and case.claimed.
     */
    @WithTransaction
    public Uni<Claimed> claim(UUID caseId, Caller agent) {
        String sql =
                "UPDATE chat_case SET status = 'READY', owner_id = ?1, owner_first_name = ?2,"
                        + " owner_last_name = ?3, claimed_at = ?4, last_seq = last_seq + 1"
                        + " WHERE id = ?5 AND status = 'NEW'";
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(sql)
                                        .setParameter(1, agent.id())
                                        .setParameter(2, agent.firstName())
                                        .setParameter(3, agent.lastName())
                                        .setParameter(4, Instant.now())
                                        .setParameter(5, caseId)
                                        .executeUpdate())
                .chain(updated -> find(caseId).chain(c -> afterClaim(c, agent, updated == 1)));
    }

    private Uni<Claimed> afterClaim(ChatCase c, Caller agent, boolean won) {
        if (won) {
            Message m = systemMessages.claimed(c, agent);
            return m.persist()
                    .call(() -> outbox.caseEvent(EventType.CASE_CLAIMED, c))
                    .call(() -> outbox.messagePosted(c, m))
                    .replaceWith(new Claimed(c, true));
        }
        return switch (CaseTransitions.claim(c.status, c.ownerId, agent.id())) {
            case ALREADY_MINE -> Uni.createFrom().item(new Claimed(c, false));
            case TAKEN, CLAIMABLE -> Uni.createFrom().failure(alreadyClaimed(c));
        };
    }

    private static ApiException alreadyClaimed(ChatCase c) {
        CaseView.Person owner = Views.of(c).owner();
        String detail =
                owner == null
                        ? "Case " + c.number + " is " + c.status.name().toLowerCase() + "."
                        : "Case "
                                + c.number
                                + " was claimed by "
                                + owner.firstName()
                                + " "
                                + owner.lastName()
                                + ".";
        return new ApiException(409, ErrorCode.ALREADY_CLAIMED, detail, List.of(), owner);
    }

    /** The owner (or an admin) resolves a READY Case; the customer gets a system message. */
    @WithTransaction
    public Uni<ChatCase> resolve(UUID caseId, Caller agent) {
        return lockVisible(caseId, agent)
                .chain(
                        c -> {
                            if (!CaseTransitions.mayResolve(
                                    c.status, c.ownerId, agent.id(), agent.admin())) {
                                return Uni.createFrom()
                                        .failure(
                                                c.status == CaseStatus.READY
                                                        ? ApiException.forbidden(
                                                                "Only the owner resolves this Case.")
                                                        : new ApiException(
                                                                409,
                                                                ErrorCode.CONFLICT,
                                                                "Case "
                                                                        + c.number
                                                                        + " is "
                                                                        + c.status
                                                                        + ", not READY."));
                            }
                            c.status = CaseStatus.RESOLVED;
                            c.resolvedAt = Instant.now();
                            c.lastSeq++;
                            Message m = systemMessages.resolved(c, agent);
                            return m.persist()
                                    .call(() -> outbox.caseEvent(EventType.CASE_RESOLVED, c))
                                    .call(() -> outbox.messagePosted(c, m))
                                    .replaceWith(c);
                        });
    }

    /**
     * Moves the agent's read mark up to {@code seq} (the Case's last seq when null); it never moves
     * back. Returns the mark after the call.
     */
    @WithTransaction
    public Uni<Long> markRead(UUID caseId, Caller agent, Long seq) {
        String sql =
                "INSERT INTO read_mark (agent_id, case_id, seq) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (agent_id, case_id)"
                        + " DO UPDATE SET seq = GREATEST(read_mark.seq, EXCLUDED.seq)";
        return visible(caseId, agent)
                .chain(
                        c -> {
                            long target = seq == null ? c.lastSeq : Math.min(seq, c.lastSeq);
                            return Panache.getSession()
                                    .chain(
                                            s ->
                                                    s.createNativeQuery(sql)
                                                            .setParameter(1, agent.id())
                                                            .setParameter(2, caseId)
                                                            .setParameter(3, Math.max(target, 0))
                                                            .executeUpdate())
                                    .chain(() -> readMark(agent.id(), caseId))
                                    .call(mark -> outbox.read(c, agent.id(), mark));
                        });
    }

    private Uni<Long> readMark(String agentId, UUID caseId) {
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(
                                                "SELECT seq FROM read_mark WHERE agent_id = ?1 AND case_id = ?2",
                                                Long.class)
                                        .setParameter(1, agentId)
                                        .setParameter(2, caseId)
                                        .getSingleResult());
    }

    @WithSession
    public Uni<ChatCase> get(UUID caseId, Caller caller) {
        return visible(caseId, caller);
    }

    /** Messages with seq above {@code after}, oldest first, at most {@code limit}. */
    @WithSession
    public Uni<List<Message>> history(UUID caseId, Caller caller, long after, int limit) {
        return visible(caseId, caller)
                .chain(
                        c ->
                                Message.<Message>find(
                                                "caseId = ?1 and seq > ?2 order by seq",
                                                caseId,
                                                after)
                                        .page(0, limit)
                                        .list());
    }

    /**
     * The open Cases of a Contact that the caller may see, newest first (the Case panel's "other
     * open Cases"); at most {@code limit}.
     */
    @WithSession
    public Uni<List<ChatCase>> openCasesOfContact(UUID contactId, Caller caller, int limit) {
        return ChatCase.<ChatCase>find(
                        "contactId = ?1 and status in ?2 order by createdAt desc",
                        contactId,
                        List.of(CaseStatus.NEW, CaseStatus.READY))
                .page(0, limit)
                .list()
                .map(
                        list ->
                                list.stream()
                                        .filter(
                                                c ->
                                                        CaseTransitions.mayRead(
                                                                c.status,
                                                                c.ownerId,
                                                                caller.id(),
                                                                caller.seesAll()))
                                        .toList());
    }

    /** The Case when the caller may read it: 404 when missing, 403 when not theirs to see. */
    Uni<ChatCase> visible(UUID caseId, Caller caller) {
        return find(caseId).invoke(c -> checkVisible(c, caller));
    }

    private Uni<ChatCase> lockVisible(UUID caseId, Caller caller) {
        return ChatCase.<ChatCase>findById(
                        caseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No Case " + caseId + "."))
                .invoke(c -> checkVisible(c, caller));
    }

    private static void checkVisible(ChatCase c, Caller caller) {
        if (!CaseTransitions.mayRead(c.status, c.ownerId, caller.id(), caller.seesAll())) {
            throw ApiException.forbidden("Case " + c.number + " belongs to another agent.");
        }
    }

    private static Uni<ChatCase> find(UUID caseId) {
        return ChatCase.<ChatCase>findById(caseId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No Case " + caseId + "."));
    }
}
