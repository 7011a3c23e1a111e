package io.chatcases.contacts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InitialsTest {

    static Object[][] cases() {
        return new Object[][] {
            // first name, last name, email, initials
            {"Ana", "Lima", "ana@example.com", "AL"},
            {"ana", "lima", null, "AL"},
            {"  ana ", " lima", null, "AL"},
            {"émile", "zola", null, "ÉZ"},
            {"e\u0301mile", "zola", null, "ÉZ"}, // decomposed é keeps its accent
            {"Øystein", "Ødegård", null, "ØØ"},
            {"Łukasz", "Żółć", null, "ŁŻ"},
            {"Ζωή", "Παπαδοπούλου", null, "ΖΠ"},
            {"олег", "иванов", null, "ОИ"},
            {"محمد", "علي", null, "مع"},
            {"美咲", "佐藤", null, "美佐"},
            {"\uD840\uDC0B子", "\uD841\uDF0E田", null, "\uD840\uDC0B\uD841\uDF0E"}, // CJK ext-B
            {"\uD801\uDC37ra", "smith", null, "\uD801\uDC0FS"}, // Deseret small -> capital letter
            {"😀", "Smith", null, "😀S"},
            {"'Connor", "O'Neil", null, "CO"},
            {"(Bob)", "-Dylan-", null, "BD"},
            {"Cher", null, "cher@example.com", "C"},
            {null, "Prince", "p@example.com", "P"},
            {"", "  ", "zoe@example.com", "Z"},
            {null, null, "  émile@example.com", "É"},
            {null, null, "_x@example.com", "X"},
            {null, null, "123@example.com", "1"},
            {"---", "...", "ana@example.com", "A"},
            {null, null, null, "?"},
            {"", "", "", "?"},
            {"...", null, "@@", "?"},
        };
    }

    @ParameterizedTest(name = "[{index}] {0} {1} <{2}> -> {3}")
    @MethodSource("cases")
    void initialsFromNamesThenEmailThenQuestionMark(
            String first, String last, String email, String expected) {
        assertEquals(expected, Initials.of(first, last, email));
    }
}
