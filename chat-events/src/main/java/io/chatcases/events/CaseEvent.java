package io.chatcases.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of every record on {@code chat.case-events}; the CloudEvents {@code ce_type} header says
 * which. {@code caseView} is always the Case's current view; {@code message} is set for
 * message.posted, {@code read} for case.read, {@code rejection} for message.rejected.
 */
public record CaseEvent(
        @JsonProperty("case") CaseView caseView,
        MessageView message,
        ReadMark read,
        Rejection rejection) {

    /** An agent's read mark moved (keeps the agent's other tabs in step). */
    public record ReadMark(String agentId, long seq) {}

    /** A send the case-service refused, routed back to the connection that sent it. */
    public record Rejection(
            String clientMsgId, String connectionId, ErrorCode code, String message) {}
}
