package io.chatcases.cases.contracts;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatcases.cases.client.ContactMatcher;
import io.chatcases.cases.client.FileChecker;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.CaseService.ContactMatch;
import io.chatcases.cases.service.MessageService.FileInfo;
import io.chatcases.events.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * case-service's clients against doubles that answer only what contact-service's and file-service's
 * contracts say (ContractStubs). A request the contract does not describe (a missing header,
 * another path) gets a 500 from the double, which the clients turn into their fallback or an
 * outage, so these tests fail.
 */
@QuarkusTest
@TestProfile(ContractStubs.Profile.class)
class ConsumerContractsTest {
    @Inject ContactMatcher contacts;
    @Inject FileChecker files;

    @Test
    void aMatchedContactIsReadFromContactServicesAnswer() {
        ContactMatch match = await(() -> contacts.match("dana@example.com", "Dana", "Kunde"));
        assertNotNull(match.contactId(), "matched, not the unmatched fallback");
        assertEquals("dana@example.com", match.email());
        assertEquals("DK", match.initials());
    }

    @Test
    void anAddressContactServiceRefusesIsTheCustomersBadInput() {
        ApiException e =
                assertThrows(
                        ApiException.class,
                        () -> await(() -> contacts.match("dana@@example", "Dana", "Kunde")));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals("email", e.violations().get(0).field());
    }

    @Test
    void aFileOfTheCaseIsReadFromFileServicesAnswer() {
        UUID caseId = UUID.randomUUID();
        UUID fileId = UUID.randomUUID();
        FileInfo info = await(() -> files.check(caseId, fileId));
        assertNotNull(info);
        assertEquals(fileId, info.fileId());
        assertEquals("notes.txt", info.name());
    }

    @Test
    void aFileOfAnotherCaseIsNoFileOfThisCase() {
        UUID fileId = UUID.fromString(ContractStubs.ANOTHER_CASES_FILE);
        assertNull(await(() -> files.check(UUID.randomUUID(), fileId)));
    }
}
