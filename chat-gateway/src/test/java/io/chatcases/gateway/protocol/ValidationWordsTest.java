package io.chatcases.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The words of a refused pre-chat form and of a too long message, from the table the widget's tests
 * read too (docs/validation-rules.json): client and server say the same thing.
 */
class ValidationWordsTest {
    private static JsonNode table() throws IOException {
        return new ObjectMapper().readTree(Path.of("../docs/validation-rules.json").toFile());
    }

    static Stream<Arguments> startForm() throws IOException {
        return StreamSupport.stream(table().get("startForm").spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    static Stream<Arguments> messageTooLong() throws IOException {
        return StreamSupport.stream(table().get("messageTooLong").get("cases").spliterator(), false)
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startForm")
    void startFormViolationsSayWhatTheWidgetSays(String name, JsonNode c) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("violations").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            expected.put(e.getKey(), e.getValue().asText());
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (Problem.Violation v :
                StartFormRules.violations(
                        c.get("email").asText(),
                        NameRules.clean(c.get("firstName").asText()),
                        NameRules.clean(c.get("lastName").asText()),
                        "WEB_CONNECT")) {
            actual.put(v.field(), v.message());
        }
        assertEquals(expected, actual, name);
    }

    @ParameterizedTest
    @MethodSource("messageTooLong")
    void aTooLongMessageIsRefusedInTheWidgetsWords(JsonNode c) {
        String expected = c.get("message").isNull() ? null : c.get("message").asText();
        assertEquals(expected, TextRules.tooLong(c.get("length").asInt(), c.get("max").asInt()));
    }
}
