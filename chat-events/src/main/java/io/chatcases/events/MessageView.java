package io.chatcases.events;

import java.time.Instant;
import java.util.UUID;

/** One message of a Case's conversation, numbered by its per-case {@code seq}. */
public record MessageView(
        UUID caseId,
        long seq,
        UUID id,
        String clientMsgId,
        MessageKind kind,
        Sender sender,
        String text,
        FileRef file,
        Instant createdAt) {

    /** Who wrote it: type CUSTOMER, USER or SYSTEM. */
    public record Sender(SenderType type, String id, String name) {}

    /** The file a FILE message carries. */
    public record FileRef(UUID fileId, String name, long size, String contentType) {}
}
