package io.chatcases.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A send accepted by a gateway, on {@code chat.ingest} keyed by caseId. Exactly one of {@code text}
 * and {@code fileId} is set. {@code connectionId} lets a refusal find its way back.
 */
public record IngestCommand(
        UUID caseId,
        String clientMsgId,
        MessageView.Sender sender,
        String text,
        UUID fileId,
        String connectionId,
        Instant receivedAt) {}
