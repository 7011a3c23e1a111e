package io.chatcases.gateway.protocol;

import static io.chatcases.gateway.protocol.Frames.required;
import static io.chatcases.gateway.protocol.Frames.requiredText;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chatcases.gateway.presence.PresenceStatus;
import java.util.Map;
import java.util.UUID;

/**
 * A frame a client sends (customer or agent socket), one record per {@code type}; docs/protocol.md
 * lists which socket may send which ({@code SocketPolicy}). Records check the fields every socket
 * needs; {@link Frames#decode} turns a failed check into BAD_FRAME with its reason.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ClientFrame.Send.class),
    @JsonSubTypes.Type(ClientFrame.Note.class),
    @JsonSubTypes.Type(ClientFrame.Resume.class),
    @JsonSubTypes.Type(ClientFrame.Typing.class),
    @JsonSubTypes.Type(ClientFrame.Open.class),
    @JsonSubTypes.Type(ClientFrame.Close.class),
    @JsonSubTypes.Type(ClientFrame.Claim.class),
    @JsonSubTypes.Type(ClientFrame.Resolve.class),
    @JsonSubTypes.Type(ClientFrame.Read.class),
    @JsonSubTypes.Type(ClientFrame.Auth.class),
    @JsonSubTypes.Type(ClientFrame.Presence.class),
    @JsonSubTypes.Type(CallSignal.Offer.class),
    @JsonSubTypes.Type(CallSignal.Answer.class),
    @JsonSubTypes.Type(CallSignal.Ice.class),
    @JsonSubTypes.Type(CallSignal.End.class)
})
public sealed interface ClientFrame
        permits ClientFrame.Send,
                ClientFrame.Note,
                ClientFrame.Resume,
                ClientFrame.Typing,
                ClientFrame.Open,
                ClientFrame.Close,
                ClientFrame.Claim,
                ClientFrame.Resolve,
                ClientFrame.Read,
                ClientFrame.Auth,
                ClientFrame.Presence,
                CallSignal {

    /** The Case the frame names; null when it names none (a customer's frames may omit it). */
    default UUID caseId() {
        return null;
    }

    /**
     * A message: exactly one of {@code text} and {@code fileId}. {@code caseId}: required on the
     * agent socket, optional (and then the token's) on the customer socket.
     */
    @JsonTypeName("send")
    record Send(UUID caseId, String clientMsgId, String text, UUID fileId) implements ClientFrame {
        public Send {
            requiredText(clientMsgId, "clientMsgId");
            if ((text != null && !text.isBlank()) == (fileId != null)) {
                throw new Frames.BadFrame("A send has either 'text' or 'fileId'.");
            }
        }
    }

    /**
     * An agent's private note on a Case (agents only, never shown to the customer): answered like a
     * send, {@code accepted} or an {@code error} with ref = clientMsgId.
     */
    @JsonTypeName("note")
    record Note(UUID caseId, String clientMsgId, String text) implements ClientFrame {
        public Note {
            required(caseId, "caseId");
            requiredText(clientMsgId, "clientMsgId");
            requiredText(text, "text");
        }
    }

    /**
     * Catch up after a reconnect: a customer names its Case's {@code lastSeq} (0 when absent), an
     * agent a seq per Case in {@code cases}. A customer's frames may name their Case ({@code
     * caseId}); naming another is refused, whatever the type.
     */
    @JsonTypeName("resume")
    record Resume(UUID caseId, Long lastSeq, Map<UUID, Long> cases) implements ClientFrame {}

    /**
     * The sender is typing: relayed to the other side of the Case (routing/Audience), at most once
     * per Case every 2 s per socket (the rest dropped silently). {@code caseId}: required on the
     * agent socket, optional on the customer socket.
     */
    @JsonTypeName("typing")
    record Typing(UUID caseId) implements ClientFrame {}

    /** The agent opens a Case: history, read mark, accessing. */
    @JsonTypeName("open")
    record Open(UUID caseId) implements ClientFrame {
        public Open {
            required(caseId, "caseId");
        }
    }

    /** The agent leaves the Case it was accessing. */
    @JsonTypeName("close")
    record Close(UUID caseId) implements ClientFrame {}

    @JsonTypeName("claim")
    record Claim(UUID caseId, String requestId) implements ClientFrame {
        public Claim {
            required(caseId, "caseId");
        }
    }

    @JsonTypeName("resolve")
    record Resolve(UUID caseId, String requestId) implements ClientFrame {
        public Resolve {
            required(caseId, "caseId");
        }
    }

    /** Moves the agent's read mark; null {@code seq}: up to the last message. */
    @JsonTypeName("read")
    record Read(UUID caseId, Long seq) implements ClientFrame {
        public Read {
            required(caseId, "caseId");
        }
    }

    /** The console's refreshed access token. */
    @JsonTypeName("auth")
    record Auth(String token) implements ClientFrame {
        public Auth {
            requiredText(token, "token");
        }
    }

    /** The agent chooses a presence (the console's header control): ONLINE, AWAY or OFFLINE. */
    @JsonTypeName("presence")
    record Presence(PresenceStatus status) implements ClientFrame {
        public Presence {
            required(status, "status");
        }
    }
}
