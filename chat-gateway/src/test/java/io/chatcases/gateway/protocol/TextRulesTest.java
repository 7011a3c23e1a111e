package io.chatcases.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello",
                "two\nlines",
                "tab\tseparated",
                "emoji \uD83D\uDE00 pair",
                "Ünïcödé ✓ 中文",
                "\u200B zero width is printable"
            })
    void ordinaryTextPasses(String text) {
        assertNull(TextRules.problem(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "bell\u0007",
                "carriage\rreturn",
                "escape\u001B[31m",
                "delete\u007F",
                "c1\u0085control",
                "lone high \uD83D",
                "lone low \uDE00 first",
                "\uDE00\uD83D reversed pair"
            })
    void controlCharactersAndBrokenSurrogatesAreRefused(String text) {
        String problem = TextRules.problem(text);
        assertNotNull(problem);
        assertTrue(problem.contains("position"), problem);
    }
}
