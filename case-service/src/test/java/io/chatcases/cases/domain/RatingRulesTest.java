package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rating's rules and words, from the table the widget and the SDK are tested with too
 * (docs/validation-rules.json, "rating"): the customer reads the same thing wherever it is checked.
 */
class RatingRulesTest {

    static Stream<JsonNode> cases() throws IOException {
        JsonNode table =
                new ObjectMapper().readTree(Path.of("../docs/validation-rules.json").toFile());
        return StreamSupport.stream(table.path("rating").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void violationsAreTheSharedWords(JsonNode c) {
        Integer score = c.path("score").isNull() ? null : c.path("score").asInt();
        String comment =
                c.path("commentChar").isNull()
                        ? null
                        : c.path("commentChar").asText().repeat(c.path("commentLength").asInt());
        Map<String, String> expected = new LinkedHashMap<>();
        c.path("violations")
                .fields()
                .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        Map<String, String> actual = new LinkedHashMap<>();
        for (Problem.Violation v : RatingRules.violations(score, comment)) {
            actual.put(v.field(), v.message());
        }
        assertEquals(expected, actual, c.path("name").asText());
    }

    @Test
    void onlyResolvedAndClosedCasesAreRated() {
        assertTrue(RatingRules.RATABLE.contains(CaseStatus.RESOLVED));
        assertTrue(RatingRules.RATABLE.contains(CaseStatus.CLOSED));
        assertFalse(RatingRules.RATABLE.contains(CaseStatus.NEW));
        assertFalse(RatingRules.RATABLE.contains(CaseStatus.READY));
    }

    @Test
    void aBlankCommentIsNone() {
        assertNull(RatingRules.comment(null));
        assertNull(RatingRules.comment(" \n\t "));
        assertEquals("Thanks", RatingRules.comment("  Thanks \n"));
    }
}
