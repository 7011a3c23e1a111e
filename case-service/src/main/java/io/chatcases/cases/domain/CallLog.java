package io.chatcases.cases.domain;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * RULE: call-log: the conversation logs each call of a Support SDK Case exactly once as SYSTEM
 * messages: "Video call started" / "Audio call started" when the customer's answer is relayed;
 * "Video call ended (3:12)" when an answered call ends; an unanswered one is "Video call declined"
 * (the customer declined) or "Missed video call" (any other end). Calls are logged only for owned,
 * READY Support SDK Cases (ARCHITECTURE.md flow 8). The gateways report each step ({@link Event});
 * service/CallService keeps one {@link CaseCall} row per call so repeats log nothing.
 */
public final class CallLog {
    private CallLog() {}

    /** What a gateway reports of a call. */
    public enum Event {
        /** The owner's offer was relayed (no message; the call's media is recorded). */
        OFFERED,
        /** The customer's answer was relayed. */
        STARTED,
        /** The call ended, with a reason. */
        ENDED
    }

    /** A call's media. */
    public static final List<String> MEDIA = List.of("audio", "video");

    /** Why a call ended (the protocol's call.end reasons; absent = hangup). */
    public static final List<String> REASONS =
            List.of("hangup", "declined", "unavailable", "disconnected", "failed");

    /** True when a call may be placed, and so logged, on a Case in this state. */
    public static boolean callable(ChatCase c) {
        return c.channel == Channel.SUPPORT_SDK
                && c.status == CaseStatus.READY
                && c.ownerId != null;
    }

    /** The text logged when the customer answers. */
    public static String started(String media) {
        return label(media) + " call started";
    }

    /** The text logged when a call ends: its duration when answered, else declined or missed. */
    public static String ended(String media, Instant answeredAt, Instant endedAt, String reason) {
        if (answeredAt != null) {
            return label(media) + " call ended (" + duration(answeredAt, endedAt) + ")";
        }
        return "declined".equals(reason)
                ? label(media) + " call declined"
                : "Missed " + media + " call";
    }

    /** m:ss, or h:mm:ss from an hour on; never negative (clocks of two replicas). */
    static String duration(Instant from, Instant to) {
        long s = Math.max(0, Duration.between(from, to).toSeconds());
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String label(String media) {
        return "video".equals(media) ? "Video" : "Audio";
    }
}
