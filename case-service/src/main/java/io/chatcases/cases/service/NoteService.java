package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.MessageKind;
import io.chatcases.events.SenderType;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Private notes (RULE: note-visibility, {@link CaseTransitions}): an agent who may see the Case
 * appends a NOTE message with the next seq, under the Case's row lock, with its message.posted
 * event in the same transaction. Resending the same clientMsgId answers the stored note.
 */
@ApplicationScoped
public class NoteService {
    @Inject CaseChanges changes;

    @ConfigProperty(name = "cases.messages.max-text-length", defaultValue = "4000")
    int maxTextLength;

    /** The stored note and whether this call stored it (false: a resend). */
    public record Noted(Message note, boolean created) {}

    @WithTransaction
    public Uni<Noted> note(UUID caseId, Caller agent, String clientMsgId, String text) {
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> check(clientMsgId, text))
                .chain(() -> ChatCase.<ChatCase>findById(caseId, LockModeType.PESSIMISTIC_WRITE))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No Case " + caseId + "."))
                .chain(c -> store(c, agent, clientMsgId, text));
    }

    private Uni<Noted> store(ChatCase c, Caller agent, String clientMsgId, String text) {
        Transition t = CaseChanges.decide(c, new CaseTransitions.Note(CaseService.agentOf(agent)));
        if (!t.applied()) {
            return Uni.createFrom()
                    .failure(
                            ApiException.forbidden(
                                    "Case " + c.number + " belongs to another agent."));
        }
        return Message.<Message>find("caseId = ?1 and clientMsgId = ?2", c.id, clientMsgId)
                .firstResult()
                .chain(
                        dup ->
                                dup != null
                                        ? resend(dup, agent)
                                        : append(c, t, agent, clientMsgId, text));
    }

    private Uni<Noted> append(
            ChatCase c, Transition t, Caller agent, String clientMsgId, String text) {
        return changes.apply(c, t, null, null, locked -> note(locked, agent, clientMsgId, text))
                .map(m -> new Noted(m, true));
    }

    /** The same clientMsgId again: the stored note if it is this agent's, else a conflict. */
    private static Uni<Noted> resend(Message dup, Caller agent) {
        if (dup.kind != MessageKind.NOTE || !agent.id().equals(dup.senderId)) {
            return Uni.createFrom()
                    .failure(
                            new ApiException(
                                    409,
                                    ErrorCode.CONFLICT,
                                    "clientMsgId is taken by another message of this Case."));
        }
        return Uni.createFrom().item(new Noted(dup, false));
    }

    private void check(String clientMsgId, String text) {
        if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > 64) {
            throw ApiException.badInput("clientMsgId", "clientMsgId is 1 to 64 characters.");
        }
        if (text == null || text.isBlank()) {
            throw ApiException.badInput("text", "A note has text.");
        }
        if (text.length() > maxTextLength) {
            throw new ApiException(
                    413,
                    ErrorCode.TOO_LARGE,
                    "Notes are limited to " + maxTextLength + " characters.");
        }
    }

    private static Message note(ChatCase c, Caller agent, String clientMsgId, String text) {
        Message m = new Message();
        m.caseId = c.id;
        m.seq = c.lastSeq;
        m.messageId = UUID.randomUUID();
        m.clientMsgId = clientMsgId;
        m.kind = MessageKind.NOTE;
        m.senderType = SenderType.USER;
        m.senderId = agent.id();
        String name = agent.fullName();
        m.senderName = name.length() <= 200 ? name : name.substring(0, 200);
        m.text = text;
        m.createdAt = Instant.now();
        return m;
    }
}
