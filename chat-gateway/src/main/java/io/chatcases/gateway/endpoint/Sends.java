package io.chatcases.gateway.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.MessageView;
import io.chatcases.gateway.client.UpstreamFailures;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.messaging.IngestProducer;
import io.chatcases.gateway.policy.Refused;
import io.chatcases.gateway.policy.SocketPolicy;
import io.chatcases.gateway.protocol.ClientFrame;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.protocol.ServerFrame;
import io.chatcases.gateway.protocol.TextRules;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;

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
     * (BAD_FRAME) and rate (RATE_LIMITED, then 1008). Decodes admitted frames and hands those this
     * socket may send to {@code handler} with their ref; a {@link Frames.BadFrame} (decoding, or
     * thrown by the handler) becomes a BAD_FRAME error, a {@link Refused} its own error, and the
     * socket stays open.
     */
    void receive(Session s, String text, BiConsumer<ClientFrame, String> handler) {
        if (s == null || !fits(s, text)) {
            return;
        }
        JsonNode node;
        try {
            node = Frames.parse(text);
        } catch (Frames.BadFrame bad) {
            // Unreadable frames spend the rate limit too: a flood of junk is answered at the
            // socket's rate, then closed as abuse, never with one error frame per junk frame.
            if (admit(s, null)) {
                s.send(error(ErrorCode.BAD_FRAME, bad.getMessage(), null));
            }
            return;
        }
        String ref = Frames.ref(node);
        if (!admit(s, ref)) {
            return;
        }
        try {
            ClientFrame frame = Frames.decode(node);
            if (!SocketPolicy.accepts(s.listener.kind(), frame)) {
                throw new Frames.BadFrame(
                        "Unknown frame type '" + node.path("type").asText() + "'.");
            }
            handler.accept(frame, ref);
        } catch (Frames.BadFrame | Refused refused) {
            s.send(errorFrame(refused, ref));
        }
    }

    /** The protocol is JSON text: a binary frame is refused like any unreadable frame. */
    void receiveBinary(Session s) {
        if (s != null && admit(s, null)) {
            s.send(
                    error(
                            ErrorCode.BAD_FRAME,
                            "Binary frames are not supported: send JSON text.",
                            null));
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
    private boolean admit(Session s, String ref) {
        metrics.counter("chat.frames.in", "kind", s.listener.kind().name().toLowerCase())
                .increment();
        if (s.limiter.tryAcquire()) {
            return true;
        }
        if (s.refuse(config.rate().abuseLimit())) {
            s.close(1008, "rate limit abused");
        } else {
            s.send(error(ErrorCode.RATE_LIMITED, "Too many frames; slow down.", ref));
        }
        return false;
    }

    /**
     * The text rules of a send or a note: over the limit answers TOO_LARGE (empty), a text the
     * rules refuse is a BAD_FRAME; else the text to store.
     */
    java.util.Optional<String> checkText(Session s, String text, String clientMsgId) {
        String tooLong = TextRules.tooLong(text.length(), config.maxTextLength());
        if (tooLong != null) {
            s.send(error(ErrorCode.TOO_LARGE, tooLong, clientMsgId));
            return java.util.Optional.empty();
        }
        String problem = TextRules.problem(text);
        if (problem != null) {
            throw new Frames.BadFrame(problem);
        }
        return java.util.Optional.of(text);
    }

    /** Checks a send's text and produces it; {@code accepted} follows the broker's ack. */
    void send(Session s, UUID caseId, ClientFrame.Send frame, MessageView.Sender sender) {
        String clientMsgId = frame.clientMsgId();
        String text = frame.fileId() == null ? frame.text() : null;
        if (text != null && checkText(s, text, clientMsgId).isEmpty()) {
            return;
        }
        IngestCommand command =
                new IngestCommand(
                        caseId, clientMsgId, sender, text, frame.fileId(), s.id(), Instant.now());
        ingest.send(command)
                .subscribe()
                .with(
                        ok -> {
                            metrics.counter("chat.sends.accepted").increment();
                            s.send(Frames.encode(new ServerFrame.Accepted(clientMsgId)));
                        },
                        failure -> {
                            UpstreamFailures.report("kafka (chat.ingest)", failure);
                            s.send(
                                    error(
                                            ErrorCode.UNAVAILABLE,
                                            "Not stored; send again with the same clientMsgId.",
                                            clientMsgId));
                        });
    }

    static String error(ErrorCode code, String message, String ref) {
        return Frames.encode(new ServerFrame.Error(code, message, ref));
    }

    /**
     * A socket whose opening state (a customer's Case and history, an agent's tiles) could not be
     * loaded: the error frame, then, for a transient failure, close 1013 (try again later), so the
     * client reconnects with back-off and resumes instead of waiting on a socket with nothing in it
     * (found by the capacity benchmark: a reconnect storm left such sockets open and empty).
     */
    static void openFailed(Session s, Throwable failure) {
        ServerFrame.Error frame = errorOf(failure, null);
        s.send(Frames.encode(frame));
        if (frame.code() == ErrorCode.UNAVAILABLE) {
            s.close(1013, "try again later");
        }
    }

    /** A failure (refusal, bad frame, case-service's answer) as an error frame answering ref. */
    static String errorFrame(Throwable failure, String ref) {
        return Frames.encode(errorOf(failure, ref));
    }

    static ServerFrame.Error errorOf(Throwable failure, String ref) {
        if (failure instanceof Frames.BadFrame bad) {
            return new ServerFrame.Error(ErrorCode.BAD_FRAME, bad.getMessage(), ref);
        }
        if (failure instanceof Refused refused) {
            return new ServerFrame.Error(refused.code(), refused.getMessage(), ref);
        }
        if (failure instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            JsonNode problem = problem(w);
            String detail = problem.path("detail").asText("Refused (" + status + ").");
            ErrorCode code = codeOf(problem.path("code").asText());
            if (code != null && status < 500) {
                return new ServerFrame.Error(code, detail, ref);
            }
            return switch (status) {
                case 400 -> new ServerFrame.Error(ErrorCode.BAD_FRAME, detail, ref);
                case 403 -> new ServerFrame.Error(ErrorCode.FORBIDDEN, detail, ref);
                case 404 -> new ServerFrame.Error(ErrorCode.NOT_FOUND, detail, ref);
                case 409 -> new ServerFrame.Error(ErrorCode.CONFLICT, detail, ref);
                default -> unavailable(failure, ref);
            };
        }
        return unavailable(failure, ref);
    }

    /** case-service failed or did not answer: the caller retries; the log says why. */
    private static ServerFrame.Error unavailable(Throwable failure, String ref) {
        UpstreamFailures.report("case-service", failure);
        return new ServerFrame.Error(ErrorCode.UNAVAILABLE, "Try again shortly.", ref);
    }

    /** The problem body's code; null when absent or unknown (then the status decides). */
    private static ErrorCode codeOf(String code) {
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
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
}
