package io.chatcases.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The socket frames: JSON text with a {@code type}. One codec for both sockets. */
public final class Frames {
    /** Shared mapper: ISO-8601 times, no timestamps. */
    public static final ObjectMapper JSON =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();

    private Frames() {}

    /** A frame of {@code type} with alternating field names and values. */
    public static String frame(String type, Object... fields) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            node.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        return write(node);
    }

    public static String error(String code, String message, String ref) {
        return ref == null
                ? frame("error", "code", code, "message", message)
                : frame("error", "code", code, "message", message, "ref", ref);
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a client frame; a {@link BadFrame} says what is wrong with it. */
    public static JsonNode parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFrame("Frames are JSON objects.");
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new BadFrame("A frame is a JSON object with a string 'type'.");
        }
        return node;
    }

    /** A required string field. */
    public static String text(JsonNode frame, String field) {
        JsonNode v = frame.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadFrame("'" + field + "' is required.");
        }
        return v.asText();
    }

    /** A required UUID field. */
    public static java.util.UUID uuid(JsonNode frame, String field) {
        try {
            return java.util.UUID.fromString(text(frame, field));
        } catch (IllegalArgumentException e) {
            throw new BadFrame("'" + field + "' must be a UUID.");
        }
    }

    /**
     * The ids a client chooses (clientMsgId, requestId, callId): stored or echoed back, so they are
     * short and plain. Must start with a letter or digit.
     */
    private static final java.util.regex.Pattern ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    /** Longest clientMsgId or requestId (the database keeps 64 characters). */
    public static final int MAX_ID = 64;

    /** Longest callId: a call's log entries use "call-{callId}-{event}" as their clientMsgId. */
    public static final int MAX_CALL_ID = 48;

    /** Ids a frame may carry, with their longest allowed length. */
    private static final java.util.Map<String, Integer> IDS =
            java.util.Map.of("clientMsgId", MAX_ID, "requestId", MAX_ID, "callId", MAX_CALL_ID);

    /**
     * Refuses a frame whose client-chosen ids are badly shaped, whatever its type, before anything
     * echoes or stores them.
     */
    public static void checkIds(JsonNode frame) {
        IDS.forEach(
                (field, max) -> {
                    JsonNode v = frame.get(field);
                    if (v != null && !isId(v, max)) {
                        throw new BadFrame(
                                "'"
                                        + field
                                        + "' is 1 to "
                                        + max
                                        + " letters, digits, '.', '_', ':' or '-'.");
                    }
                });
    }

    /** True when {@code v} is a well-shaped id of at most {@code max} characters. */
    public static boolean isId(JsonNode v, int max) {
        return v.isTextual() && v.asText().length() <= max && ID.matcher(v.asText()).matches();
    }

    /** A malformed client frame (error code BAD_FRAME; the socket stays open). */
    public static class BadFrame extends RuntimeException {
        public BadFrame(String message) {
            super(message, null, false, false);
        }
    }
}
