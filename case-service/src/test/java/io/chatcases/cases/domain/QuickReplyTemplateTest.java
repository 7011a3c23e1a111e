package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the shared table {@code quick-reply-cases.json}, which the console's tests run too. */
class QuickReplyTemplateTest {

    private static JsonNode table;

    @BeforeAll
    static void readTable() throws IOException {
        try (InputStream in =
                QuickReplyTemplateTest.class.getResourceAsStream("/quick-reply-cases.json")) {
            table = new ObjectMapper().readTree(in);
        }
    }

    @TestFactory
    Stream<DynamicTest> validateFindsExactlyTheTablesProblems() {
        return dynamic("validate", QuickReplyTemplateTest::checkValidate);
    }

    @TestFactory
    Stream<DynamicTest> placeholdersListsTheTablesNamesInOrder() {
        return dynamic(
                "validate",
                c ->
                        assertEquals(
                                strings(c.get("placeholders")),
                                QuickReplyTemplate.placeholders(c.get("body").asText())));
    }

    @TestFactory
    Stream<DynamicTest> renderProducesTheTablesText() {
        return dynamic("render", QuickReplyTemplateTest::checkRender);
    }

    private static void checkValidate(JsonNode c) {
        List<QuickReplyTemplate.Issue> expected = new ArrayList<>();
        for (JsonNode p : c.get("problems")) {
            expected.add(
                    new QuickReplyTemplate.Issue(
                            QuickReplyTemplate.Kind.valueOf(p.get("kind").asText()),
                            p.get("token").asText(),
                            p.get("index").asInt()));
        }
        assertEquals(expected, QuickReplyTemplate.validate(c.get("body").asText()));
    }

    private static void checkRender(JsonNode c) {
        Map<String, String> values = new HashMap<>();
        c.get("values")
                .fields()
                .forEachRemaining(
                        e ->
                                values.put(
                                        e.getKey(),
                                        e.getValue().isNull() ? null : e.getValue().asText()));
        assertEquals(
                c.get("expected").asText(),
                QuickReplyTemplate.render(c.get("body").asText(), values));
    }

    @Test
    void tableListsTheAllowedPlaceholders() {
        assertEquals(QuickReplyTemplate.PLACEHOLDERS, strings(table.get("placeholders")));
    }

    @Test
    void tableStatesTheEntitysFieldLimits() {
        JsonNode fields = table.get("fields");
        assertEquals(QuickReply.MAX_SHORTCUT, fields.at("/shortcut/maxLength").asInt());
        assertEquals(
                "^" + QuickReply.SHORTCUT_PATTERN + "$", fields.at("/shortcut/pattern").asText());
        assertEquals(QuickReply.MAX_TITLE, fields.at("/title/maxLength").asInt());
        assertEquals(QuickReply.MAX_BODY, fields.at("/body/maxLength").asInt());
    }

    @Test
    void everyProblemMessageNamesItsToken() {
        cases("validate")
                .flatMap(c -> QuickReplyTemplate.validate(c.get("body").asText()).stream())
                .forEach(i -> assertTrue(i.message().contains(i.token()), i.message()));
    }

    @Test
    void everyKnownPlaceholderRendersAndValidates() {
        for (String name : QuickReplyTemplate.PLACEHOLDERS) {
            String body = "<{{" + name + "}}>";
            assertTrue(QuickReplyTemplate.validate(body).isEmpty(), name);
            assertEquals("<v>", QuickReplyTemplate.render(body, Map.of(name, "v")));
        }
    }

    @Test
    void nullBodyAndNullValuesAreHarmless() {
        assertTrue(QuickReplyTemplate.validate(null).isEmpty());
        assertTrue(QuickReplyTemplate.placeholders(null).isEmpty());
        assertEquals("", QuickReplyTemplate.render(null, Map.of()));
        assertEquals("Hi !", QuickReplyTemplate.render("Hi {{contact.firstName}}!", null));
    }

    @Test
    void tableHasCasesOfBothKinds() {
        assertFalse(table.get("validate").isEmpty());
        assertFalse(table.get("render").isEmpty());
    }

    private static Stream<DynamicTest> dynamic(String section, Consumer<JsonNode> check) {
        return cases(section)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check.accept(c)));
    }

    private static Stream<JsonNode> cases(String section) {
        List<JsonNode> list = new ArrayList<>();
        table.get(section).forEach(list::add);
        return list.stream();
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
