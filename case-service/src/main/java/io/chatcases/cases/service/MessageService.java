package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.CaseEvent;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.EventType;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.MessageKind;
import io.chatcases.events.MessageView;
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
 * Turns accepted sends into messages: de-duplicated on (case, clientMsgId), numbered with the next
 * seq of the Case under its row lock, stored with their message.posted event in one transaction.
 */
@ApplicationScoped
public class MessageService {
    @Inject Outbox outbox;

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
        return ChatCase.<ChatCase>findById(cmd.caseId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(
                        c ->
                                c == null
                                        ? reject(cmd, null, ErrorCode.NOT_FOUND, "No such Case.")
                                        : Message.<Message>find(
                                                        "caseId = ?1 and clientMsgId = ?2",
                                                        cmd.caseId(),
                                                        cmd.clientMsgId())
                                                .firstResult()
                                                .chain(
                                                        dup ->
                                                                dup != null
                                                                        ? outbox.messagePosted(
                                                                                c, dup)
                                                                        : store(c, cmd, file)));
    }

    private Uni<Void> store(ChatCase c, IngestCommand cmd, FileInfo file) {
        Refusal refusal = refusal(c, cmd, file);
        if (refusal != null) {
            return reject(cmd, c, refusal.code(), refusal.message());
        }
        // Mutating the locked Case: Hibernate flushes it with the message in this transaction.
        boolean customer = cmd.sender().type() == SenderType.CUSTOMER;
        boolean reopen =
                customer
                        && CaseTransitions.customerMessage(c.status)
                                == CaseTransitions.CustomerMessageOutcome.REOPEN;
        if (reopen) {
            c.status = CaseStatus.READY;
            c.resolvedAt = null;
        }
        c.lastSeq++;
        if (customer) {
            c.lastCustomerSeq = c.lastSeq;
        }
        Message m = toMessage(c, cmd, file);
        Uni<Void> reopened =
                reopen ? outbox.caseEvent(EventType.CASE_REOPENED, c) : Uni.createFrom().voidItem();
        return m.persist().chain(() -> reopened).chain(() -> outbox.messagePosted(c, m));
    }

    private record Refusal(ErrorCode code, String message) {}

    /** Why the send must be refused (protocol error code and text), null when it may be stored. */
    private Refusal refusal(ChatCase c, IngestCommand cmd, FileInfo file) {
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
        if (cmd.sender().type() == SenderType.CUSTOMER) {
            return CaseTransitions.customerMessage(c.status)
                            == CaseTransitions.CustomerMessageOutcome.REFUSE
                    ? new Refusal(ErrorCode.CASE_CLOSED, "This chat is closed; start a new one.")
                    : null;
        }
        if (cmd.sender().type() == SenderType.USER
                && CaseTransitions.userMayPost(c.status, c.ownerId, cmd.sender().id())) {
            return null;
        }
        if (cmd.sender().type() == SenderType.SYSTEM && hasText && c.status.isOpen()) {
            // Only gateways produce to chat.ingest; they log calls this way (no client sets it).
            return null;
        }
        return new Refusal(
                ErrorCode.FORBIDDEN, "Only the owner of the Case may write to the customer.");
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
