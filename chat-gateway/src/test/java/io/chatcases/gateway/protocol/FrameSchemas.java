package io.chatcases.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates real frames against the committed schema/frames files (networknt, Draft 2020-12). */
public final class FrameSchemas {
    private static final JsonSchemaFactory FACTORY =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> BY_TYPE = new ConcurrentHashMap<>();

    private FrameSchemas() {}

    /** What is wrong with {@code frame} by its type's schema; empty when it is valid. */
    public static List<String> problems(String frame) {
        JsonNode node;
        try {
            node = Frames.JSON.readTree(frame);
        } catch (IOException e) {
            return List.of("not JSON: " + frame);
        }
        String type = node.path("type").asText();
        Path file = Schemas.DIR.resolve("frames").resolve(type + ".json");
        if (!Files.isRegularFile(file)) {
            return List.of("no schema for type '" + type + "': " + frame);
        }
        JsonSchema schema = BY_TYPE.computeIfAbsent(type, t -> load(file));
        return schema.validate(node).stream().map(m -> type + ": " + m.getMessage()).toList();
    }

    private static JsonSchema load(Path file) {
        try {
            return FACTORY.getSchema(Frames.JSON.readTree(file.toFile()), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
