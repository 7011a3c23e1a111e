package io.chatcases.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chatcases.events.CaseView;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A frame the gateway writes to a socket, one record per {@code type} (docs/protocol.md). Cases and
 * messages are chat-events' {@link CaseView} and {@link MessageView}: the same shape as REST.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerFrame.Hello.class),
    @JsonSubTypes.Type(ServerFrame.Tiles.class),
    @JsonSubTypes.Type(ServerFrame.Case.class),
    @JsonSubTypes.Type(ServerFrame.Message.class),
    @JsonSubTypes.Type(ServerFrame.History.class),
    @JsonSubTypes.Type(ServerFrame.ReadMoved.class),
    @JsonSubTypes.Type(ServerFrame.Claimed.class),
    @JsonSubTypes.Type(ServerFrame.Resolved.class),
    @JsonSubTypes.Type(ServerFrame.Accepted.class),
    @JsonSubTypes.Type(ServerFrame.Resync.class),
    @JsonSubTypes.Type(ServerFrame.Error.class),
    @JsonSubTypes.Type(ServerFrame.Typing.class),
    @JsonSubTypes.Type(CallSignal.Offer.class),
    @JsonSubTypes.Type(CallSignal.Answer.class),
    @JsonSubTypes.Type(CallSignal.Ice.class),
    @JsonSubTypes.Type(CallSignal.End.class)
})
public sealed interface ServerFrame
        permits ServerFrame.Hello,
                ServerFrame.Tiles,
                ServerFrame.Case,
                ServerFrame.Message,
                ServerFrame.History,
                ServerFrame.ReadMoved,
                ServerFrame.Claimed,
                ServerFrame.Resolved,
                ServerFrame.Accepted,
                ServerFrame.Resync,
                ServerFrame.Error,
                ServerFrame.Typing,
                CallSignal {

    /** The agent socket's first frame: who the token says the agent is. */
    @JsonTypeName("hello")
    record Hello(Agent agent) implements ServerFrame {}

    /** The signed-in agent. */
    record Agent(String id, String firstName, String lastName, Set<String> roles) {}

    /** The agent's tiles (after hello), as case-service's {@code GET /tiles} answers them. */
    @JsonTypeName("tiles")
    record Tiles(List<Tile> tiles, long more) implements ServerFrame {}

    /** One tile: the Case, its colour and whether the agent has unread messages in it. */
    record Tile(@JsonProperty("case") CaseView caseView, String color, boolean unread) {}

    /**
     * A Case changed (created, claimed, resolved, reopened, closed, updated), or a socket opened.
     */
    @JsonTypeName("case")
    record Case(@JsonProperty("case") CaseView caseView) implements ServerFrame {}

    @JsonTypeName("message")
    record Message(MessageView message) implements ServerFrame {}

    /**
     * The recent conversation: on a customer socket's open (no {@code case}: it came just before),
     * and when an agent opens a Case (with {@code case}).
     */
    @JsonTypeName("history")
    record History(
            UUID caseId,
            @JsonProperty("case") @JsonInclude(JsonInclude.Include.NON_NULL) CaseView caseView,
            List<MessageView> messages)
            implements ServerFrame {}

    /** The agent's read mark moved (from another tab of the same agent). */
    @JsonTypeName("read")
    record ReadMoved(UUID caseId, long seq) implements ServerFrame {}

    /** Answer to {@code claim}. */
    @JsonTypeName("claimed")
    record Claimed(UUID caseId, String requestId, @JsonProperty("case") CaseView caseView)
            implements ServerFrame {}

    /** Answer to {@code resolve}. */
    @JsonTypeName("resolved")
    record Resolved(UUID caseId, String requestId, @JsonProperty("case") CaseView caseView)
            implements ServerFrame {}

    /** The send reached the broker (acks=all); the {@code message} follows. */
    @JsonTypeName("accepted")
    record Accepted(String clientMsgId) implements ServerFrame {}

    /** Too many messages to replay: reload the Case's conversation over REST. */
    @JsonTypeName("resync")
    record Resync(UUID caseId) implements ServerFrame {}

    /** A refusal; {@code ref} is the refused frame's clientMsgId, requestId or callId. */
    @JsonTypeName("error")
    record Error(
            ErrorCode code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String ref)
            implements ServerFrame {}

    /**
     * The other side is typing in {@code caseId}: {@code from} CUSTOMER (to the agents who receive
     * the Case's messages) or USER (the owner, to the customer); {@code name} is what the UI shows
     * ("Alice is typing…": the owner's first name; the Contact's name for agents). Ephemeral: the
     * receiver shows it for about 5 s unless renewed, and clears it when that side's message comes.
     */
    @JsonTypeName("typing")
    record Typing(UUID caseId, SenderType from, String name) implements ServerFrame {}
}
