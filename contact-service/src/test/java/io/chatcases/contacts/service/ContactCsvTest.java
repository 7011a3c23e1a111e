package io.chatcases.contacts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactCsvTest {

    @Test
    void rowsCarryTheLineTheyStartOnAcrossBlankAndMultiLineRows() {
        String csv =
                "email,firstName,lastName,phone,externalId\r\n"
                        + "ana@example.com,Ana,Lima,,\r\n"
                        + "\r\n"
                        + "bob@example.com,\"Bob\nRobert\",\"Smith, Jr.\",+1 555 0100,crm-7\n"
                        + "cleo@example.com,Cléo,,,\n";
        List<ImportRow> rows = ContactCsv.parse(csv, 100);
        assertEquals(3, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals("Ana", rows.get(0).firstName());
        assertNull(rows.get(0).phone(), "an empty cell is absent");
        assertEquals(4, rows.get(1).line());
        assertEquals("Bob\nRobert", rows.get(1).firstName());
        assertEquals("Smith, Jr.", rows.get(1).lastName());
        assertEquals("crm-7", rows.get(1).externalId());
        assertEquals(6, rows.get(2).line());
        assertEquals("Cléo", rows.get(2).firstName());
    }

    @Test
    void headerColumnsMayComeInAnyOrderAndCaseAndBeFewer() {
        List<ImportRow> rows =
                ContactCsv.parse("\uFEFFLastName, EMAIL\nLima,ana@example.com\n", 100);
        assertEquals("ana@example.com", rows.get(0).email());
        assertEquals("Lima", rows.get(0).lastName());
        assertNull(rows.get(0).firstName());
        assertNull(rows.get(0).problem());
    }

    @Test
    void rowWithWrongNumberOfCellsIsThatRowsProblem() {
        List<ImportRow> rows =
                ContactCsv.parse(
                        "email,firstName\nana@example.com,Ana,extra\nb@example.com\n", 100);
        assertEquals("has 3 values but the header has 2", rows.get(0).problem());
        assertEquals(2, rows.get(0).line());
        assertEquals("has 1 values but the header has 2", rows.get(1).problem());
        assertEquals(3, rows.get(1).line());
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|body|is empty; expected a header line email,firstName,lastName,phone,externalId",
                "'email,nickname\n'|header|has an unknown column \"nickname\"; expected"
                        + " email,firstName,lastName,phone,externalId",
                "'firstName,lastName\n'|header|must have an email column:"
                        + " email,firstName,lastName,phone,externalId",
                "'email,Email\n'|header|names email twice",
                "'email\na@example.com\nb@example.com\nc@example.com\n'|body|has more than 2 rows;"
                        + " split the file",
            })
    void wholeFileProblemsRejectTheFile(String csv, String field, String message) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> ContactCsv.parse(csv, 2));
        assertEquals(field, e.errors().get(0).field());
        assertEquals(message, e.errors().get(0).message());
    }

    @Test
    void brokenQuotingRejectsTheFileNamingWhere() {
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () ->
                                ContactCsv.parse(
                                        "email,firstName\na@example.com,Ana\nb@example.com,\"Bo\n",
                                        100));
        assertEquals("body", e.errors().get(0).field());
        assertTrue(
                e.errors().get(0).message().startsWith("is not valid CSV near line 3"),
                e.errors().get(0).message());
    }
}
