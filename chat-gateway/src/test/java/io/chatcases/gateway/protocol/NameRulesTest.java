package io.chatcases.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRulesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Ada|Ada",
                "'  Ada   Lovelace  '|Ada Lovelace",
                "Zoë|Zoë",
                "李 小龙|李 小龙",
                "Jean-Luc O'Neil|Jean-Luc O'Neil"
            })
    void ordinaryNamesKeepTheirLetters(String typed, String kept) {
        assertEquals(kept, NameRules.clean(typed));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // U+202E (RLO) would show "evE" as "Eve" reversed around the rest of the line.
                "\u202EEve|Eve",
                "Mal\u202Dlory\u202C|Mallory",
                "\u2066Isolated\u2069|Isolated",
                "Ma\u200Frk\u200E|Mark",
                "Ann\u061C|Ann",
                "Null\u0000Byte|NullByte",
                "Bell\u0007|Bell"
            })
    void controlAndBidiCharactersAreRemoved(String typed, String kept) {
        assertEquals(kept, NameRules.clean(typed));
    }

    @org.junit.jupiter.api.Test
    void whiteSpaceCollapsesAndANameOfOnlyControlsIsEmpty() {
        assertEquals("Tab and newline", NameRules.clean("Tab\tand\n\nnewline"));
        assertEquals("", NameRules.clean("\u202E\u202E\u0000"));
    }

    @org.junit.jupiter.api.Test
    void nullStaysNull() {
        assertNull(NameRules.clean(null));
    }
}
