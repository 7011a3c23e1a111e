package io.chatcases.files.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CallersTest {

    @Test
    void actorNameIsPercentDecodedUtf8() {
        assertEquals("Dana Kunde Ü", Callers.percentDecoded("Dana%20Kunde%20%C3%9C"));
        assertEquals("A+B", Callers.percentDecoded("A+B"));
        assertEquals("100%", Callers.percentDecoded("100%"));
    }

    @Test
    void displayNameLosesControlCharactersAndIsBounded() {
        assertEquals("Eve Admin", Callers.cleanName("Eve\u0000 \u202EAdmin\n"));
        assertNull(Callers.cleanName(" \u0007 "));
        assertEquals(200, Callers.cleanName("x".repeat(500)).length());
    }
}
