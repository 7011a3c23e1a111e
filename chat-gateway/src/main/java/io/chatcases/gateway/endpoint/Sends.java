package io.chatcases.gateway.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.messaging.IngestProducer;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.protocol.TextRules;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.UUID;

/**
 * What both sockets do with frames: the {@code send} path (checks, produce, accepted), limits, and
 * turning failures into {@code error} frames. The socket stays open after every refusal except
 * abuse.
 */
@ApplicationScoped
public class Sends {
    @Inject GatewayConfig config;
    @Inject IngestProducer ingest;
    @Inject MeterRegistry metrics;

    /**
     * The checks every client frame passes before its type is looked at: size (1009), JSON shape
     * (BAD_FRAME) and rate (RATE_LIMITED, then 1008). Hands admitted frames to {@code handler}; a
     * {@link Frames.BadFrame} it throws becomes a BAD_FRAME error and the socket stays open.
     */
    void receive(Session s, String text, java.util.function.Consumer<JsonNode> handler) {
        if (s == null || !fits(s, text)) {
            return;
        }
        JsonNode frame;
        try {
            frame = Frames.parse(text);
        } catch (Frames.BadFrame bad) {
            // Unreadable frames spend the rate limit too: a flood of junk is answered at the
            // socket's rate, then closed as abuse, never with one error frame per junk frame.
            if (admit(s, null)) {
                s.send(Frames.error("BAD_FRAME", bad.getMessage(), null));
            }
            return;
        }
        if (!admit(s, frame)) {
            return;
        }
        try {
            Frames.checkIds(frame);
            handler.accept(frame);
        } catch (Frames.BadFrame bad) {
            s.send(Frames.error("BAD_FRAME", bad.getMessage(), ref(frame)));
        }
    }

    /** The protocol is JSON text: a binary frame is refused like any unreadable frame. */
    void receiveBinary(Session s) {
        if (s != null && admit(s, null)) {
            s.send(
                    Frames.error(
                            "BAD_FRAME", "Binary frames are not supported: send JSON text.", null));
        }
    }

    /** Frames over the size limit close the socket with 1009 (message too big), before parsing. */
    private boolean fits(Session s, String text) {
        // Characters are at most 3 UTF-8 bytes here: count bytes only for borderline frames.
        if (text.length() * 3 > config.maxFrameBytes()
                && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        > config.maxFrameBytes()) {
            s.close(1009, "frame too big");
            return false;
        }
        return true;
    }

    /** Applies the rate limit; false (with an error frame, or a close on abuse) when exceeded. */
    private boolean admit(Session s, JsonNode frame) {
        metrics.counter("chat.frames.in", "kind", s.listener.kind().name().toLowerCase())
                .increment();
        if (s.limiter.tryAcquire()) {
            return true;
        }
        if (s.refuse(config.rate().abuseLimit())) {
            s.close(1008, "rate limit abused");
        } else {
            s.send(Frames.error("RATE_LIMITED", "Too many frames; slow down.", ref(frame)));
        }
        return false;
    }

    /** Validates a send and produces it; {@code accepted} follows the broker's ack. */
    void send(Session s, UUID caseId, JsonNode frame, MessageView.Sender sender) {
        String clientMsgId = Frames.text(frame, "clientMsgId");
        JsonNode text = frame.get("text");
        JsonNode fileId = frame.get("fileId");
        boolean hasText = text != null && text.isTextual() && !text.asText().isBlank();
        boolean hasFile = fileId != null && fileId.isTextual();
        if (hasText == hasFile) {
            throw new Frames.BadFrame("A send has either 'text' or 'fileId'.");
        }
        if (hasText && text.asText().length() > config.maxTextLength()) {
            s.send(
                    Frames.error(
                            "TOO_LARGE",
                            "Messages are limited to " + config.maxTextLength() + " characters.",
                            clientMsgId));
            return;
        }
        String problem = hasText ? TextRules.problem(text.asText()) : null;
        if (problem != null) {
            throw new Frames.BadFrame(problem);
        }
        UUID file = hasFile ? Frames.uuid(frame, "fileId") : null;
        IngestCommand command =
                new IngestCommand(
                        caseId,
                        clientMsgId,
                        sender,
                        hasText ? text.asText() : null,
                        file,
                        s.id(),
                        Instant.now());
        ingest.send(command)
                .subscribe()
                .with(
                        ok -> {
                            metrics.counter("chat.sends.accepted").increment();
                            s.send(Frames.frame("accepted", "clientMsgId", clientMsgId));
                        },
                        failure ->
                                s.send(
                                        Frames.error(
                                                "UNAVAILABLE",
                                                "Not stored; send again with the same clientMsgId.",
                                                clientMsgId)));
    }

    /** A refusal decided by the gateway itself, with its protocol error code. */
    static class Refused extends RuntimeException {
        final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /**
     * Logs a call's start or end in the conversation as a system message. The clientMsgId is
     * derived from the call, so each call is logged once however often the frame comes.
     */
    io.smallrye.mutiny.Uni<Void> logCall(
            Session s, UUID caseId, String callId, String event, String text) {
        return ingest.send(
                new IngestCommand(
                        caseId,
                        "call-" + callId + "-" + event,
                        new MessageView.Sender(SenderType.SYSTEM, null, null),
                        text,
                        null,
                        s.id(),
                        Instant.now()));
    }

    /** A failed call to case-service as an error frame answering {@code ref}. */
    /**
     * A socket whose opening state (a customer's Case and history, an agent's tiles) could not be
     * loaded: the error frame, then, for a transient failure, close 1013 (try again later), so the
     * client reconnects with back-off and resumes instead of waiting on a socket with nothing in it
     * (found by the capacity benchmark: a reconnect storm left such sockets open and empty).
     */
    static void openFailed(Session s, Throwable failure) {
        String frame = errorFrame(failure, null);
        s.send(frame);
        if ("UNAVAILABLE".equals(Frames.parse(frame).path("code").asText())) {
            s.close(1013, "try again later");
        }
    }

    static String errorFrame(Throwable failure, String ref) {
        if (failure instanceof Frames.BadFrame bad) {
            return Frames.error("BAD_FRAME", bad.getMessage(), ref);
        }
        if (failure instanceof Refused refused) {
            return Frames.error(refused.code, refused.getMessage(), ref);
        }
        if (failure instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            JsonNode problem = problem(w);
            String detail = problem.path("detail").asText("Refused (" + status + ").");
            if (problem.path("code").isTextual() && status < 500) {
                return Frames.error(problem.path("code").asText(), detail, ref);
            }
            return switch (status) {
                case 400 -> Frames.error("BAD_FRAME", detail, ref);
                case 403 -> Frames.error("FORBIDDEN", detail, ref);
                case 404 -> Frames.error("NOT_FOUND", detail, ref);
                case 409 -> Frames.error("CONFLICT", detail, ref);
                default -> Frames.error("UNAVAILABLE", "Try again shortly.", ref);
            };
        }
        return Frames.error("UNAVAILABLE", "Try again shortly.", ref);
    }

    /** The problem body case-service sent, or an empty object. */
    static JsonNode problem(WebApplicationException w) {
        try {
            JsonNode body = Frames.JSON.readTree(w.getResponse().readEntity(String.class));
            return body == null ? Frames.JSON.createObjectNode() : body;
        } catch (Exception e) {
            return Frames.JSON.createObjectNode();
        }
    }

    static String ref(JsonNode frame) {
        // Only a well-shaped id is echoed: a refused frame's junk never comes back.
        for (String f : new String[] {"clientMsgId", "requestId"}) {
            if (frame != null && Frames.isId(frame.path(f), Frames.MAX_ID)) {
                return frame.path(f).asText();
            }
        }
        return null;
    }
}
