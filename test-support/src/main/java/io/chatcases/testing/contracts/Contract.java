package io.chatcases.testing.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One interaction of a consumer with a provider, as the consumer relies on it: a file under {@code
 * contracts/<consumer>-<provider>/} of the repository (see contracts/README.md). {@code {name}}
 * placeholders in the path, header values and bodies are filled by whoever replays it: the
 * provider's test from the state it set up, a consumer's double from the request it received.
 *
 * @param file the file's name without {@code .json}
 * @param state what the provider must hold for this answer ("case-visible-to-agent")
 * @param exact JSON pointers into the response body whose value must be exactly this
 */
public record Contract(
        String file,
        String consumer,
        String provider,
        String description,
        String state,
        Request request,
        Response response,
        Map<String, JsonNode> exact) {

    public record Request(String method, String path, Map<String, String> headers, JsonNode body) {}

    /** {@code body} is an example: the provider's answer must have its shape (see BodyShape). */
    public record Response(int status, String contentType, JsonNode body) {}

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    /** Every contract between the two, in file-name order. */
    public static List<Contract> between(String consumer, String provider) {
        Path dir = root().resolve(consumer + "-" + provider);
        try (Stream<Path> files = Files.list(dir)) {
            List<Contract> all =
                    files.filter(f -> f.toString().endsWith(".json"))
                            .sorted()
                            .map(Contract::read)
                            .toList();
            if (all.isEmpty()) {
                throw new IllegalStateException("No contracts in " + dir);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every contract the provider must keep, whoever consumes it. */
    public static List<Contract> ofProvider(String provider) {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(d -> d.endsWith("-" + provider))
                    .sorted()
                    .flatMap(
                            d ->
                                    between(
                                            d.substring(0, d.length() - provider.length() - 1),
                                            provider)
                                            .stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one contract of this name between the two. */
    public static Contract named(String consumer, String provider, String file) {
        return between(consumer, provider).stream()
                .filter(c -> c.file().equals(file))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No contract " + file));
    }

    /**
     * The values of the request body's placeholders in a concrete body: a member that is exactly
     * "{name}" in the contract gives name the concrete body's value there.
     */
    public Map<String, String> bodyValues(JsonNode actual) {
        Map<String, String> values = new LinkedHashMap<>();
        if (request.body() != null && actual != null) {
            collect(request.body(), actual, values);
        }
        return values;
    }

    private static void collect(JsonNode template, JsonNode actual, Map<String, String> values) {
        if (template.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(template.asText());
            if (m.matches() && actual.isValueNode()) {
                values.put(m.group(1), actual.asText());
            }
        } else if (template.isObject() && actual.isObject()) {
            template.fields()
                    .forEachRemaining(
                            e -> {
                                if (actual.has(e.getKey())) {
                                    collect(e.getValue(), actual.get(e.getKey()), values);
                                }
                            });
        }
    }

    /** The path with its placeholders filled. */
    public String path(Map<String, String> values) {
        return fill(request.path(), values);
    }

    /** The request's headers with their placeholders filled. */
    public Map<String, String> headers(Map<String, String> values) {
        Map<String, String> filled = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> filled.put(k, fill(v, values)));
        return filled;
    }

    /**
     * The values of the path's placeholders in a concrete path, or null when the method or path
     * does not fit this contract's request.
     */
    public Map<String, String> match(String method, String path) {
        if (!request.method().equalsIgnoreCase(method)) {
            return null;
        }
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String template =
                request.path().contains("?")
                        ? request.path().substring(0, request.path().indexOf('?'))
                        : request.path();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/?]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        Matcher actual = Pattern.compile(regex.toString()).matcher(withoutQuery);
        if (!actual.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), actual.group(i + 1));
        }
        return values;
    }

    /**
     * Why the headers a consumer sent do not fit the contract (a header missing, or a value not of
     * the template's form), or null when they fit. Header names are case-insensitive.
     */
    public String headersMismatch(Map<String, String> sent) {
        Map<String, String> lower = new LinkedHashMap<>();
        sent.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String value = lower.get(h.getKey().toLowerCase());
            if (value == null) {
                return "header " + h.getKey() + " missing";
            }
            if (!templateRegex(h.getValue()).matcher(value).matches()) {
                return "header " + h.getKey() + " is not of the form " + h.getValue();
            }
        }
        return null;
    }

    /** The response body with its placeholders filled, or null when there is none. */
    public JsonNode responseBody(Map<String, String> values) {
        return response.body() == null ? null : fill(response.body().deepCopy(), values);
    }

    /** The request body with its placeholders filled, or null when there is none. */
    public JsonNode requestBody(Map<String, String> values) {
        return request.body() == null ? null : fill(request.body().deepCopy(), values);
    }

    @Override
    public String toString() {
        return consumer + "-" + provider + "/" + file;
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for {" + m.group(1) + "}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }

    private static JsonNode fill(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            return PLACEHOLDER.matcher(node.asText()).find()
                    ? TextNode.valueOf(fill(node.asText(), values))
                    : node;
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                object.set(e.getKey(), fill(e.getValue(), values));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node)
                        .set(i, fill(node.get(i), values));
            }
        }
        return node;
    }

    private static Pattern templateRegex(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append(".+");
            last = m.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(last))).toString());
    }

    private static Contract read(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            JsonNode req = n.required("request");
            JsonNode res = n.required("response");
            Map<String, String> headers = new LinkedHashMap<>();
            req.path("headers")
                    .fields()
                    .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            Map<String, JsonNode> exact = new LinkedHashMap<>();
            res.path("exact").fields().forEachRemaining(e -> exact.put(e.getKey(), e.getValue()));
            String name = file.getFileName().toString();
            return new Contract(
                    name.substring(0, name.length() - ".json".length()),
                    n.required("consumer").asText(),
                    n.required("provider").asText(),
                    n.path("description").asText(),
                    n.required("state").asText(),
                    new Request(
                            req.required("method").asText(),
                            req.required("path").asText(),
                            headers,
                            req.get("body")),
                    new Response(
                            res.required("status").asInt(),
                            res.path("contentType").asText(null),
                            res.get("body")),
                    exact);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable contract " + file, e);
        }
    }

    /** The repository's contracts/ folder: -Dcontracts.dir, or the first one above the module. */
    static Path root() {
        String configured = System.getProperty("contracts.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("contracts"))) {
                return p.resolve("contracts");
            }
        }
        throw new IllegalStateException(
                "No contracts/ folder above " + Path.of("").toAbsolutePath());
    }
}
