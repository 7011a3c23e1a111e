package io.chatcases.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.chatcases.events.CaseEvent;
import io.chatcases.events.ContactUpdated;
import io.chatcases.events.EventType;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.Topics;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON Schemas in {@code schema/} (repository root), generated from the Java records: one per
 * frame {@code type} ({@code schema/frames/<type>.json}) and one per event ({@code
 * schema/events/<ce_type>.json}, {@code chat.ingest.json}). Draft 2020-12, self-contained (no
 * $ref), {@code type} a const. Every field the gateway writes is present (null where Java allows);
 * a client frame's field is required when its record refuses it missing. SchemaFilesTest fails when
 * the files differ from the records, and rewrites them with {@code -Dschema.update=true}.
 */
public final class Schemas {
    /** The repository's schema folder, from the module's directory (Maven's working dir). */
    public static final Path DIR = Path.of("..", "schema").toAbsolutePath().normalize();

    private static final SchemaGenerator GENERATOR = generator();

    private Schemas() {}

    public static void main(String[] args) throws IOException {
        try (var old = Files.walk(DIR)) {
            for (Path f : old.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        } catch (java.nio.file.NoSuchFileException absent) {
            // first run
        }
        for (Map.Entry<String, String> e : all().entrySet()) {
            Path file = DIR.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        System.out.println("wrote " + all().size() + " schemas to " + DIR);
    }

    /** Every schema file: path under schema/ to its text. */
    public static Map<String, String> all() {
        Map<String, String> files = new TreeMap<>();
        Map<String, List<Class<?>>> frames = new TreeMap<>();
        for (Class<?> base : List.of(ClientFrame.class, ServerFrame.class)) {
            for (JsonSubTypes.Type t : base.getAnnotation(JsonSubTypes.class).value()) {
                String type = t.value().getAnnotation(JsonTypeName.class).value();
                List<Class<?>> shapes =
                        frames.computeIfAbsent(type, k -> new java.util.ArrayList<>());
                if (!shapes.contains(t.value())) {
                    shapes.add(t.value());
                }
            }
        }
        frames.forEach(
                (type, shapes) -> files.put("frames/" + type + ".json", text(frame(type, shapes))));
        for (EventType type : EventType.values()) {
            if (type != EventType.CONTACT_UPDATED) {
                files.put("events/" + type.wire() + ".json", text(caseEvent(type)));
            }
        }
        files.put(
                "events/" + EventType.CONTACT_UPDATED.wire() + ".json",
                text(titled(schema(ContactUpdated.class), EventType.CONTACT_UPDATED.wire())));
        files.put(
                "events/" + Topics.CHAT_INGEST + ".json",
                text(titled(schema(IngestCommand.class), Topics.CHAT_INGEST)));
        return files;
    }

    /**
     * A frame's schema: its record's, with {@code type} a const (either shape when two share it).
     */
    static ObjectNode frame(String type, List<Class<?>> shapes) {
        List<ObjectNode> schemas =
                shapes.stream()
                        .map(
                                c -> {
                                    ObjectNode s = schema(c);
                                    ObjectNode props = (ObjectNode) s.get("properties");
                                    ObjectNode typed = s.objectNode();
                                    typed.set("type", s.objectNode().put("const", type));
                                    typed.setAll(props == null ? s.objectNode() : props);
                                    s.set("properties", typed);
                                    ArrayNode required = s.withArray("required");
                                    required.insert(0, "type");
                                    s.remove("$schema");
                                    return s;
                                })
                        .toList();
        ObjectNode root = Frames.JSON.createObjectNode();
        root.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
        root.put("title", "frame " + type);
        if (schemas.size() == 1) {
            root.setAll(schemas.get(0));
        } else {
            root.putArray("anyOf").addAll(schemas);
        }
        return root;
    }

    /**
     * A case event's payload: CaseEvent, with the part its type carries required to be set (the
     * CaseEvent contract: message for message.posted, read for case.read, rejection for
     * message.rejected, the Case for every other).
     */
    static ObjectNode caseEvent(EventType type) {
        ObjectNode s = titled(schema(CaseEvent.class), type.wire());
        String carried =
                switch (type) {
                    case MESSAGE_POSTED -> "message";
                    case CASE_READ -> "read";
                    case MESSAGE_REJECTED -> "rejection";
                    default -> "case";
                };
        ObjectNode prop = (ObjectNode) s.get("properties").get(carried);
        ArrayNode anyOf = (ArrayNode) prop.get("anyOf");
        if (anyOf != null) {
            // Nullable as generated ({anyOf: [null, object]}): this type carries it, so not null.
            for (JsonNode option : anyOf) {
                if (!"null".equals(option.path("type").asText())) {
                    ((ObjectNode) s.get("properties")).set(carried, option);
                }
            }
        }
        return s;
    }

    private static ObjectNode titled(ObjectNode schema, String title) {
        ObjectNode root = Frames.JSON.createObjectNode();
        root.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
        root.put("title", title);
        schema.remove("$schema");
        root.setAll(schema);
        return root;
    }

    static ObjectNode schema(Class<?> type) {
        return GENERATOR.generateSchema(type);
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder b =
                new SchemaGeneratorConfigBuilder(
                                Frames.JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                        .with(
                                new JacksonModule(
                                        JacksonOption.IGNORE_TYPE_INFO_TRANSFORM,
                                        JacksonOption.RESPECT_JSONPROPERTY_ORDER))
                        .with(
                                Option.INLINE_ALL_SCHEMAS,
                                Option.NULLABLE_FIELDS_BY_DEFAULT,
                                Option.NULLABLE_ALWAYS_AS_ANYOF,
                                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                                Option.STANDARD_FORMATS);
        b.forTypesInGeneral()
                .withCustomDefinitionProvider(
                        (type, context) ->
                                type.getErasedType() == JsonNode.class
                                        ? new com.github.victools.jsonschema.generator
                                                .CustomDefinition(
                                                context.getGeneratorConfig().createObjectNode())
                                        : null);
        b.forFields()
                .withRequiredCheck(Schemas::required)
                .withNullableCheck(Schemas::nullable)
                .withEnumResolver(Schemas::values);
        return new SchemaGenerator(b.build());
    }

    /** The values a string field takes where its record allows only a few (call signals). */
    private static java.util.List<String> values(FieldScope field) {
        Class<?> owner = field.getDeclaringType().getErasedType();
        if (owner == CallSignal.End.class && "reason".equals(field.getDeclaredName())) {
            return CallSignal.END_REASONS;
        }
        if (owner == CallSignal.Offer.class && "media".equals(field.getDeclaredName())) {
            return CallSignal.MEDIA;
        }
        return null;
    }

    /** Whether a field is present in every instance. */
    private static boolean required(FieldScope field) {
        if (notWrittenWhenNull(field)) {
            return false;
        }
        Class<?> owner = field.getDeclaringType().getErasedType();
        if (ClientFrame.class.isAssignableFrom(owner)) {
            return refusedWhenMissing(owner, field.getDeclaredName());
        }
        return true;
    }

    private static boolean nullable(FieldScope field) {
        if (field.getType().isPrimitive() || notWrittenWhenNull(field)) {
            return false;
        }
        Class<?> owner = field.getDeclaringType().getErasedType();
        return !ClientFrame.class.isAssignableFrom(owner)
                || !refusedWhenMissing(owner, field.getDeclaredName());
    }

    private static boolean notWrittenWhenNull(FieldScope field) {
        JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
        return include != null && include.value() == JsonInclude.Include.NON_NULL;
    }

    /**
     * True when the client frame's record refuses {@code name} missing: the record's own check is
     * the one rule, read here by constructing it with that component null, the others valid, and
     * each other one left out in turn (a send needs text or a file, not both).
     */
    static boolean refusedWhenMissing(Class<?> record, String name) {
        RecordComponent[] components = record.getRecordComponents();
        for (int without = -1; without < components.length; without++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                boolean missing = components[i].getName().equals(name) || i == without;
                args[i] = missing ? null : sample(components[i]);
            }
            if (constructs(record, components, args)) {
                return false;
            }
        }
        return true;
    }

    private static boolean constructs(
            Class<?> record, RecordComponent[] components, Object[] args) {
        try {
            record.getDeclaredConstructor(
                            Arrays.stream(components)
                                    .map(RecordComponent::getType)
                                    .toArray(Class<?>[]::new))
                    .newInstance(args);
            return true;
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof Frames.BadFrame) {
                return false;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<Class<?>, Object> SAMPLES =
            new LinkedHashMap<>(
                    Map.of(
                            UUID.class, UUID.randomUUID(),
                            Long.class, 1L,
                            Map.class, Map.of(),
                            Instant.class, Instant.EPOCH,
                            JsonNode.class, Frames.JSON.createObjectNode()));

    private static Object sample(RecordComponent c) {
        if (c.getType() == String.class) {
            // The one enumerated string among the client frames' fields.
            return "media".equals(c.getName()) ? "audio" : "x";
        }
        return SAMPLES.get(c.getType());
    }

    /** Drops the generator's additionalProperties on schemas that are not objects (nullables). */
    private static void tidy(JsonNode node) {
        if (node instanceof ObjectNode o
                && o.has("additionalProperties")
                && !o.has("properties")
                && !"object".equals(o.path("type").asText())) {
            o.remove("additionalProperties");
        }
        node.forEach(Schemas::tidy);
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY =
            Frames.JSON
                    .writerWithDefaultPrettyPrinter()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static String text(JsonNode schema) {
        tidy(schema);
        try {
            return PRETTY.writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
