package io.chatcases.gateway.protocol;

import static io.chatcases.gateway.protocol.Frames.requiredText;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * WebRTC call signalling between a Support SDK customer and the Case's owner: the gateway relays
 * each frame as it came, with the Case's id, so one record is both the client's and the peer's
 * frame. {@code caseId} is required from the agent and optional (the token's) from the customer.
 */
public sealed interface CallSignal extends ClientFrame, ServerFrame {
    String callId();

    /** The same signal naming its Case (what the peer receives). */
    CallSignal withCase(UUID caseId);

    /** What a call carries: {@code media} of an offer. */
    List<String> MEDIA = List.of("audio", "video");

    /** The agent places a call; {@code media} is audio or video. */
    @JsonTypeName("call.offer")
    record Offer(UUID caseId, String callId, String sdp, String media) implements CallSignal {
        public Offer {
            requiredText(callId, "callId");
            requiredText(sdp, "sdp");
            requiredText(media, "media");
            if (!MEDIA.contains(media)) {
                throw new Frames.BadFrame("'media' is audio or video.");
            }
        }

        @Override
        public Offer withCase(UUID id) {
            return new Offer(id, callId, sdp, media);
        }
    }

    /** The customer accepts the call. */
    @JsonTypeName("call.answer")
    record Answer(UUID caseId, String callId, String sdp) implements CallSignal {
        public Answer {
            requiredText(callId, "callId");
        }

        @Override
        public Answer withCase(UUID id) {
            return new Answer(id, callId, sdp);
        }
    }

    /** An ICE candidate, relayed untouched (its shape is the browser's). */
    @JsonTypeName("call.ice")
    record Ice(UUID caseId, String callId, JsonNode candidate) implements CallSignal {
        public Ice {
            requiredText(callId, "callId");
        }

        @Override
        public Ice withCase(UUID id) {
            return new Ice(id, callId, candidate);
        }
    }

    /** Why a call ended ({@code call.end}'s optional {@code reason}; absent = hangup). */
    List<String> END_REASONS =
            List.of("hangup", "declined", "unavailable", "disconnected", "failed");

    /**
     * Either side ends the call, or the gateway does for a side that went away ({@code
     * disconnected}) or a Case that can no longer have calls. {@code reason} is relayed as is and
     * left out when absent (= hangup): {@link #END_REASONS}.
     */
    @JsonTypeName("call.end")
    record End(UUID caseId, String callId, @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
            implements CallSignal {
        public End {
            requiredText(callId, "callId");
            if (reason != null && !END_REASONS.contains(reason)) {
                throw new Frames.BadFrame(
                        "'reason' is hangup, declined, unavailable, disconnected or failed.");
            }
        }

        public End(UUID caseId, String callId) {
            this(caseId, callId, null);
        }

        @Override
        public End withCase(UUID id) {
            return new End(id, callId, reason);
        }
    }
}
