package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.CaseEvent;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.MessageKind;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.FlushMode;

/**
 * Turns accepted sends into messages: de-duplicated on (case, clientMsgId), numbered with the next
 * seq of the Case under its row lock, stored with their message.posted event in one transaction
 * (one send, or a consumer's batch of text sends).
 */
@ApplicationScoped
public class MessageService {
    @Inject Outbox outbox;
    @Inject CaseChanges changes;

    @ConfigProperty(name = "cases.messages.max-text-length", defaultValue = "4000")
    int maxTextLength;

    /** A send's file, as file-service confirmed it belongs to the Case (null for text). */
    public record FileInfo(UUID fileId, String name, long size, String contentType) {}

    /**
     * Stores the send, or re-announces the stored message for a duplicate, or publishes a refusal
     * routed back to the sender's connection.
     */
    @WithTransaction
    public Uni<Void> ingest(IngestCommand cmd, FileInfo file) {
        return lockAndStore(cmd, file);
    }

    /**
     * Stores text sends in one transaction, in list order (each as {@link #ingest} would): one
     * commit and one relay pass for them all. Any failure rolls every one of them back.
     */
    @WithTransaction
    public Uni<Void> ingestAll(List<IngestCommand> cmds) {
        List<UUID> ids = cmds.stream().map(IngestCommand::caseId).distinct().sorted().toList();
        return Panache.getSession()
                // Flushed once, at commit: no flush (and dirty check of the whole batch) before
                // each send's queries. The new messages and Case rows go out together then; a
                // repeated send inside the batch is caught by the dedup key at that flush, and the
                // batch then goes one record at a time (IngestConsumer).
                .invoke(session -> session.setFlushMode(FlushMode.COMMIT))
                // Every Case of the batch locked by one statement, in id order (no deadlock between
                // batches); each send's own lock then finds its Case locked in the session.
                .chain(
                        () ->
                                ChatCase.<ChatCase>find("id in ?1 order by id", ids)
                                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                                        .list())
                // Earlier copies of the batch's sends, by one statement too.
                .chain(
                        () ->
                                Message.<Message>find(
                                                "caseId in ?1 and clientMsgId in ?2",
                                                ids,
                                                cmds.stream()
                                                        .map(IngestCommand::clientMsgId)
                                                        .distinct()
                                                        .toList())
                                        .list())
                .chain(
                        found -> {
                            Map<String, Message> stored = new HashMap<>();
                            found.forEach(m -> stored.put(m.caseId + "/" + m.clientMsgId, m));
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (IngestCommand cmd : cmds) {
                                Message dup = stored.get(cmd.caseId() + "/" + cmd.clientMsgId());
                                chain =
                                        chain.chain(
                                                () ->
                                                        withLockedCase(
                                                                cmd,
                                                                c ->
                                                                        storeOrRepeat(
                                                                                c, cmd, null,
                                                                                dup)));
                            }
                            return chain;
                        });
    }

    private Uni<Void> lockAndStore(IngestCommand cmd, FileInfo file) {
        return withLockedCase(
                cmd,
                c ->
                        Message.<Message>find(
                                        "caseId = ?1 and clientMsgId = ?2",
                                        cmd.caseId(),
                                        cmd.clientMsgId())
                                .firstResult()
                                .chain(dup -> storeOrRepeat(c, cmd, file, dup)));
    }

    /** The send's Case under its row lock (no statement when the session holds it locked). */
    private Uni<Void> withLockedCase(IngestCommand cmd, Function<ChatCase, Uni<Void>> then) {
        return ChatCase.<ChatCase>findById(cmd.caseId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(
                        c ->
                                c == null
                                        ? reject(cmd, null, ErrorCode.NOT_FOUND, "No such Case.")
                                        : then.apply(c));
    }

    /**
     * A new send is stored; a repeated one re-announces the stored message, unless its clientMsgId
     * is a private note's: a send never re-announces a note (it would reach no customer, but a
     * customer guessing ids must learn nothing either).
     */
    private Uni<Void> storeOrRepeat(ChatCase c, IngestCommand cmd, FileInfo file, Message dup) {
        if (dup == null) {
            return store(c, cmd, file);
        }
        return dup.kind == MessageKind.NOTE
                ? reject(
                        cmd,
                        c,
                        ErrorCode.CONFLICT,
                        "clientMsgId is taken by another message of this Case.")
                : outbox.messagePosted(c, dup);
    }

    private Uni<Void> store(ChatCase c, IngestCommand cmd, FileInfo file) {
        Refusal invalid = invalid(cmd, file);
        if (invalid != null) {
            return reject(cmd, c, invalid.code(), invalid.message());
        }
        Transition t = CaseChanges.decide(c, command(cmd));
        if (!t.applied()) {
            return reject(cmd, c, t.refusal().code, refusalText(t.refusal()));
        }
        return changes.apply(c, t, null, null, locked -> toMessage(locked, cmd, file))
                .replaceWithVoid();
    }

    /** The state machine's view of a send. */
    private static CaseTransitions.Command command(IngestCommand cmd) {
        return switch (cmd.sender().type()) {
            case CUSTOMER -> new CaseTransitions.CustomerMessage();
            case USER -> new CaseTransitions.AgentMessage(cmd.sender().id());
            // Only gateways produce to chat.ingest (no client sets SYSTEM). Gateways before the
            // call
            // log (CallService) logged calls this way; kept for a rolling upgrade.
            case SYSTEM -> new CaseTransitions.SystemMessage(cmd.fileId() != null);
        };
    }

    private static String refusalText(CaseTransitions.Refusal refusal) {
        return refusal == CaseTransitions.Refusal.CLOSED
                ? "This chat is closed; start a new one."
                : "Only the owner of the Case may write to the customer.";
    }

    private record Refusal(ErrorCode code, String message) {}

    /** Why the send itself is unacceptable whatever the Case's state, null when it is fine. */
    private Refusal invalid(IngestCommand cmd, FileInfo file) {
        boolean hasText = cmd.text() != null && !cmd.text().isBlank();
        if (hasText == (cmd.fileId() != null)) {
            return new Refusal(ErrorCode.BAD_FRAME, "A message has either text or a file.");
        }
        if (hasText && cmd.text().length() > maxTextLength) {
            return new Refusal(
                    ErrorCode.TOO_LARGE,
                    "Messages are limited to " + maxTextLength + " characters.");
        }
        if (cmd.fileId() != null && file == null) {
            return new Refusal(ErrorCode.FORBIDDEN, "The file does not belong to this Case.");
        }
        return null;
    }

    /**
     * Refuses a send whose storing failed for good (the failed transaction rolled back): the
     * sender's connection gets message.rejected with {@code code}.
     */
    @WithTransaction
    public Uni<Void> refuse(IngestCommand cmd, ErrorCode code, String message) {
        return ChatCase.<ChatCase>findById(cmd.caseId()).chain(c -> reject(cmd, c, code, message));
    }

    private Uni<Void> reject(IngestCommand cmd, ChatCase c, ErrorCode code, String message) {
        return outbox.rejected(
                cmd.caseId(),
                c,
                new CaseEvent.Rejection(cmd.clientMsgId(), cmd.connectionId(), code, message));
    }

    private static Message toMessage(ChatCase c, IngestCommand cmd, FileInfo file) {
        Message m = new Message();
        m.caseId = c.id;
        m.seq = c.lastSeq;
        m.messageId = UUID.randomUUID();
        m.clientMsgId = cmd.clientMsgId();
        m.kind =
                file != null
                        ? MessageKind.FILE
                        : cmd.sender().type() == SenderType.SYSTEM
                                ? MessageKind.SYSTEM
                                : MessageKind.TEXT;
        MessageView.Sender sender = cmd.sender();
        m.senderType = sender.type();
        if (sender.type() == SenderType.CUSTOMER) {
            m.senderId = c.contactId == null ? null : c.contactId.toString();
            m.senderName = c.contactName();
        } else {
            m.senderId = sender.id();
            // The name comes from the agent's token; the column keeps 200 characters.
            m.senderName =
                    sender.name() == null || sender.name().length() <= 200
                            ? sender.name()
                            : sender.name().substring(0, 200);
        }
        m.text = file == null ? cmd.text() : null;
        if (file != null) {
            m.fileId = file.fileId();
            m.fileName = file.name();
            m.fileSize = file.size();
            m.fileContentType = file.contentType();
        }
        m.createdAt = Instant.now();
        return m;
    }
}
