package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.MessageKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** Case life cycle: start, claim, resolve, read marks, reads. Each method is one transaction. */
@ApplicationScoped
public class CaseService {
    @Inject Outbox outbox;
    @Inject CaseChanges changes;
    @Inject ChatStarts starts;
    @Inject AgentDirectory agents;

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
     * Claims a NEW Case: one conditional UPDATE on {@link CaseTransitions#CLAIMABLE} decides
     * between concurrent claimants (it takes the row lock, so exactly one wins); the winner then
     * applies the claim's transition (system message naming the owner, case.claimed).
     */
    @WithTransaction
    public Uni<Claimed> claim(UUID caseId, Caller agent) {
        CaseTransitions.Claim command = new CaseTransitions.Claim(agentOf(agent));
        Transition win =
                CaseTransitions.apply(
                        new CaseTransitions.CaseState(CaseTransitions.CLAIMABLE, null), command);
        String sql =
                "UPDATE chat_case SET status = ?1, owner_id = ?2 WHERE id = ?3 AND status = ?4";
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(sql)
                                        .setParameter(1, win.next().status().name())
                                        .setParameter(2, win.next().ownerId())
                                        .setParameter(3, caseId)
                                        .setParameter(4, CaseTransitions.CLAIMABLE.name())
                                        .executeUpdate())
                .chain(
                        updated ->
                                find(caseId)
                                        .chain(
                                                c ->
                                                        updated == 1
                                                                ? changes.apply(
                                                                                c,
                                                                                win,
                                                                                command.agent(),
                                                                                null,
                                                                                null)
                                                                        .replaceWith(
                                                                                new Claimed(
                                                                                        c, true))
                                                                : lostClaim(c, command)));
    }

    private static Uni<Claimed> lostClaim(ChatCase c, CaseTransitions.Claim command) {
        Transition t = CaseChanges.decide(c, command);
        // NEW here means the UPDATE lost to nobody: answered like a lost race, never applied twice.
        return t.outcome() == CaseTransitions.Outcome.NO_OP
                ? Uni.createFrom().item(new Claimed(c, false))
                : Uni.createFrom().failure(alreadyClaimed(c));
    }

    static CaseTransitions.Agent agentOf(Caller caller) {
        return new CaseTransitions.Agent(
                caller.id(), caller.firstName(), caller.lastName(), caller.admin());
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
        CaseTransitions.Resolve command = new CaseTransitions.Resolve(agentOf(agent));
        return lockVisible(caseId, agent)
                .chain(
                        c ->
                                applyOwnerCommand(
                                        c,
                                        command,
                                        command.agent(),
                                        "Only the owner resolves this Case."));
    }

    /**
     * The owner (or an admin) hands a READY Case to another agent (one the directory has seen). The
     * row lock serialises it with claims, resolves and other transfers: a claim's conditional
     * UPDATE waits for it and then sees the new state.
     */
    @WithTransaction
    public Uni<ChatCase> transfer(UUID caseId, String toAgentId, Caller by) {
        return agents.agent(toAgentId)
                .chain(
                        to ->
                                lockVisible(caseId, by)
                                        .chain(
                                                c ->
                                                        applyOwnerCommand(
                                                                c,
                                                                new CaseTransitions.Transfer(
                                                                        agentOf(by), to),
                                                                to,
                                                                HAND_ON)));
    }

    /**
     * The owner (or an admin) returns a READY Case to the queue: NEW again, every agent sees it.
     */
    @WithTransaction
    public Uni<ChatCase> unassign(UUID caseId, Caller by) {
        CaseTransitions.Agent agent = agentOf(by);
        return lockVisible(caseId, by)
                .chain(
                        c ->
                                applyOwnerCommand(
                                        c, new CaseTransitions.Unassign(agent), agent, HAND_ON));
    }

    private static final String HAND_ON = "Only the owner hands this Case on.";

    /**
     * Applies a command only the owner (or an admin) may give on a READY Case: 403 with {@code
     * notOwner} for anyone else, 409 when the Case is not READY. {@code stamped} is the agent the
     * change records (the new owner of a transfer).
     */
    private Uni<ChatCase> applyOwnerCommand(
            ChatCase c,
            CaseTransitions.Command command,
            CaseTransitions.Agent stamped,
            String notOwner) {
        Transition t = CaseChanges.decide(c, command);
        return switch (t.outcome()) {
            case NO_OP -> Uni.createFrom().item(c);
            case REFUSED ->
                    Uni.createFrom()
                            .failure(
                                    t.refusal() == CaseTransitions.Refusal.NOT_OWNER
                                            ? ApiException.forbidden(notOwner)
                                            : new ApiException(
                                                    409,
                                                    ErrorCode.CONFLICT,
                                                    "Case "
                                                            + c.number
                                                            + " is "
                                                            + c.status
                                                            + ", not READY."));
            case APPLIED -> changes.apply(c, t, stamped, null, null).replaceWith(c);
        };
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

    /**
     * Messages with seq above {@code after}, oldest first, at most {@code limit}. A service reads
     * for a customer: it gets no notes (RULE: note-visibility), so its seqs may skip.
     */
    @WithSession
    public Uni<List<Message>> history(UUID caseId, Caller caller, long after, int limit) {
        boolean notes = CaseTransitions.readsNotes(caller.service());
        String query =
                notes
                        ? "caseId = ?1 and seq > ?2 order by seq"
                        : "caseId = ?1 and seq > ?2 and kind <> ?3 order by seq";
        Object[] params =
                notes
                        ? new Object[] {caseId, after}
                        : new Object[] {caseId, after, MessageKind.NOTE};
        return visible(caseId, caller)
                .chain(c -> Message.<Message>find(query, params).page(0, limit).list());
    }

    /**
     * The Contact's other Cases, open and past, newest first (RULE: history): the Case panel's
     * history, for whoever may read {@code caseId}.
     */
    @WithSession
    public Uni<List<ChatCase>> contactHistory(UUID caseId, Caller caller, int limit) {
        return visible(caseId, caller)
                .chain(
                        c ->
                                c.contactId == null
                                        ? Uni.createFrom().item(List.<ChatCase>of())
                                        : ChatCase.<ChatCase>find(
                                                        "contactId = ?1 and id <> ?2"
                                                                + " order by createdAt desc, id",
                                                        c.contactId,
                                                        c.id)
                                                .page(0, limit)
                                                .list());
    }

    /**
     * The conversation of a Case in the history of {@code caseId}, read-only (RULE: history): 404
     * when {@code otherId} is not a Case of the same Contact.
     */
    @WithSession
    public Uni<List<Message>> historyMessages(
            UUID caseId, UUID otherId, Caller caller, long after, int limit) {
        return visible(caseId, caller)
                .chain(
                        c ->
                                ChatCase.<ChatCase>findById(otherId)
                                        .invoke(
                                                o -> {
                                                    if (o == null
                                                            || o.id.equals(c.id)
                                                            || !CaseTransitions.inHistoryOf(
                                                                    c.contactId, o.contactId)) {
                                                        throw ApiException.notFound(
                                                                "No Case "
                                                                        + otherId
                                                                        + " in this Contact's"
                                                                        + " history.");
                                                    }
                                                }))
                .chain(o -> messagesAfter(o.id, after, limit));
    }

    private static Uni<List<Message>> messagesAfter(UUID caseId, long after, int limit) {
        return Message.<Message>find("caseId = ?1 and seq > ?2 order by seq", caseId, after)
                .page(0, limit)
                .list();
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
