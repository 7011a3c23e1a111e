package io.chatcases.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one codec of the socket frames: JSON text with a {@code type}. Decodes {@link ClientFrame}s
 * (a {@link BadFrame} says precisely what is wrong) and encodes {@link ServerFrame}s.
 */
public final class Frames {
    /**
     * Shared mapper: ISO-8601 times, unknown fields ignored (clients and newer producers may add
     * some), and no silent coercion (a number where a string belongs is a bad frame, not a string).
     */
    public static final ObjectMapper JSON = mapper();

    private static final ObjectWriter SERVER = JSON.writerFor(ServerFrame.class);
    private static final ObjectReader CLIENT = JSON.readerFor(ClientFrame.class);

    private Frames() {}

    private static ObjectMapper mapper() {
        JsonMapper mapper =
                JsonMapper.builder()
                        .addModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The text of a frame, written once per event however many sockets receive it. */
    public static String encode(ServerFrame frame) {
        try {
            return SERVER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A frame as a JSON object, to be extended (call signals on chat.signals). */
    public static ObjectNode tree(ServerFrame frame) {
        try {
            return (ObjectNode) JSON.readTree(encode(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a client frame to a JSON object with a string {@code type}, not yet typed. */
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

    /** The typed frame of a parsed one; a {@link BadFrame} names the type or field at fault. */
    public static ClientFrame decode(JsonNode node) {
        checkIds(node);
        try {
            return CLIENT.treeToValue(node, ClientFrame.class);
        } catch (InvalidTypeIdException e) {
            throw new BadFrame("Unknown frame type '" + node.path("type").asText() + "'.");
        } catch (JsonProcessingException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BadFrame bad) {
                    throw bad;
                }
            }
            throw new BadFrame(
                    e instanceof MismatchedInputException m
                            ? "'" + field(m) + "' must be " + expected(m.getTargetType()) + "."
                            : "Unreadable frame.");
        }
    }

    /** Parses and decodes in one step (tests, tools). */
    public static ClientFrame decode(String text) {
        return decode(parse(text));
    }

    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "type" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "well-formed";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class) {
            return "a whole number";
        }
        if (type.isEnum()) {
            return "one of "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(type.getEnumConstants())
                                    .map(String::valueOf)
                                    .toList());
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of Case ids (UUIDs) to seqs";
        }
        return "well-formed";
    }

    /** A required field. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw new BadFrame("'" + field + "' is required.");
        }
        return value;
    }

    /** A required, non-blank string field. */
    static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BadFrame("'" + field + "' is required.");
        }
        return value;
    }

    /**
     * The ids a client chooses (clientMsgId, requestId, callId): stored or echoed back, so they are
     * short and plain. Must start with a letter or digit.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    /** Longest clientMsgId or requestId (the database keeps 64 characters). */
    public static final int MAX_ID = 64;

    /** Longest callId (case-service keeps calls by it: case_call.call_id is 48 characters). */
    public static final int MAX_CALL_ID = 48;

    /** Ids a frame may carry, with their longest allowed length. */
    private static final Map<String, Integer> IDS =
            Map.of("clientMsgId", MAX_ID, "requestId", MAX_ID, "callId", MAX_CALL_ID);

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

    /**
     * What an error frame answering {@code frame} names as its {@code ref}: its clientMsgId or
     * requestId, only when well shaped (a refused frame's junk never comes back).
     */
    public static String ref(JsonNode frame) {
        for (String f : new String[] {"clientMsgId", "requestId"}) {
            if (frame != null && isId(frame.path(f), MAX_ID)) {
                return frame.path(f).asText();
            }
        }
        return null;
    }

    /** A malformed client frame (error code BAD_FRAME; the socket stays open). */
    public static class BadFrame extends RuntimeException {
        public BadFrame(String message) {
            super(message, null, false, false);
        }
    }
}
