package io.chatcases.contacts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** When a change is published, how an import row overlays a Contact, how addresses are set. */
class ContactRulesTest {

    private static final ContactSnapshot ANA =
            new ContactSnapshot("Ana", "Lima", List.of("ana@example.com", "a@work.example"));

    static Object[][] changes() {
        return new Object[][] {
            {ANA, false},
            {
                new ContactSnapshot("Ana", "Lima", List.of("ana@example.com", "a@work.example")),
                false
            },
            {new ContactSnapshot("Ana", "Silva", ANA.emails()), true},
            {new ContactSnapshot("Anna", "Lima", ANA.emails()), true},
            {new ContactSnapshot(null, "Lima", ANA.emails()), true},
            {new ContactSnapshot("Ana", "Lima", List.of("ana@example.com")), true},
            {
                new ContactSnapshot(
                        "Ana", "Lima", List.of("ana@example.com", "a@work.example", "x@y.example")),
                true
            },
            {
                new ContactSnapshot("Ana", "Lima", List.of("a@work.example", "ana@example.com")),
                true
            },
        };
    }

    @ParameterizedTest(name = "[{index}] {0} -> published: {1}")
    @MethodSource("changes")
    void renameOrEmailChangeIsPublishedNothingElse(ContactSnapshot after, boolean published) {
        assertEquals(published, ANA.differsForSubscribers(after));
    }

    @Test
    void importCellsWithValuesReplaceEmptyCellsKeep() {
        ContactFields stored = new ContactFields("Ana", "Lima", "+351 21 000 0000", "crm-1");
        ContactFields row = new ContactFields("Anna", "  ", null, "crm-2");
        assertEquals(
                new ContactFields("Anna", "Lima", "+351 21 000 0000", "crm-2"),
                stored.overlaidWith(row));
    }

    @Test
    void importRowWithOnlyEmptyCellsChangesNothing() {
        ContactFields stored = new ContactFields("Ana", null, null, null);
        assertEquals(stored, stored.overlaidWith(new ContactFields("", " ", null, "")));
    }

    @Test
    void blankFieldsAreAbsentAndValuesTrimmed() {
        ContactFields f = new ContactFields("  Ana ", "\t", "", " x ");
        assertEquals("Ana", f.firstName());
        assertNull(f.lastName());
        assertNull(f.phone());
        assertEquals("x", f.externalId());
    }

    @Test
    void emailSetPutsPrimaryFirstAndDropsSpellingsOfTheSameAddress() {
        EmailSet set =
                EmailSet.of(
                        " Ana@Example.com",
                        List.of(
                                "z@example.com",
                                "ANA@example.com",
                                "b@example.com",
                                "Z@EXAMPLE.COM"));
        assertEquals("ana@example.com", set.primary().value());
        assertEquals(List.of("ana@example.com", "b@example.com", "z@example.com"), set.values());
    }

    @Test
    void emailSetRejectsABadAddress() {
        assertThrows(
                InvalidEmailAddressException.class,
                () -> EmailSet.of("ana@example.com", List.of("nope")));
    }

    @Test
    void snapshotInitialsFallBackToPrimaryEmail() {
        ContactSnapshot s = new ContactSnapshot(null, null, List.of("zoe@example.com"));
        assertEquals("Z", s.initials());
        assertEquals("zoe@example.com", s.primaryEmail());
        assertTrue(new ContactSnapshot(null, null, List.of()).primaryEmail() == null);
        assertFalse(s.differsForSubscribers(s));
    }
}
