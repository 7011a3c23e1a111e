package io.chatcases.files.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CallersTest {

    @Test
    void displayNameLosesControlCharactersAndIsBounded() {
        assertEquals("Eve Admin", Callers.cleanName("Eve\u0000 \u202EAdmin\n"));
        assertNull(Callers.cleanName(" \u0007 "));
        assertEquals(200, Callers.cleanName("x".repeat(500)).length());
    }
}
