package io.chatcases.contacts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.contacts.domain.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo file the local run imports (not loaded by the tests) is a clean import. */
class DemoContactsFileTest {

    @Test
    void demoContactsImportWithoutRowErrors() throws Exception {
        Path file = Path.of("..", "deploy", "local", "demo", "contacts.csv");
        List<ImportRow> rows =
                ContactCsv.parse(Files.readString(file, StandardCharsets.UTF_8), 100);
        assertTrue(rows.size() >= 6 && rows.size() <= 8, "6 to 8 demo contacts");
        for (ImportRow row : rows) {
            assertNull(row.problem(), "line " + row.line());
            assertTrue(EmailAddress.check(row.email()).isEmpty(), row.email());
            assertNotNull(row.firstName(), "line " + row.line());
            assertNotNull(row.lastName(), "line " + row.line());
        }
        assertEquals(
                rows.size(),
                rows.stream().map(r -> EmailAddress.parse(r.email())).distinct().count());
    }
}
