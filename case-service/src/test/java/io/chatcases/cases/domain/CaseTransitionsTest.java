package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.CaseTransitions.ClaimOutcome;
import io.chatcases.cases.domain.CaseTransitions.CustomerMessageOutcome;
import io.chatcases.events.CaseStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseTransitionsTest {

    @ParameterizedTest(name = "{0} owned by {1}, claimed by alice -> {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "NEW,      -,     CLAIMABLE",
                "READY,    alice, ALREADY_MINE",
                "READY,    bob,   TAKEN",
                "RESOLVED, alice, TAKEN",
                "RESOLVED, bob,   TAKEN",
                "CLOSED,   alice, TAKEN",
            })
    void claimOutcomes(CaseStatus status, String owner, ClaimOutcome expected) {
        assertEquals(expected, CaseTransitions.claim(status, owner, "alice"));
    }

    @ParameterizedTest(name = "customer message on {0} -> {1}")
    @CsvSource({"NEW, ACCEPT", "READY, ACCEPT", "RESOLVED, REOPEN", "CLOSED, REFUSE"})
    void customerMessageOutcomes(CaseStatus status, CustomerMessageOutcome expected) {
        assertEquals(expected, CaseTransitions.customerMessage(status));
    }

    @ParameterizedTest(name = "alice posts on {0} owned by {1}: {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "NEW,      -,     false",
                "READY,    alice, true",
                "READY,    bob,   false",
                "RESOLVED, alice, false",
                "CLOSED,   alice, false",
            })
    void onlyTheOwnerOfAReadyCasePosts(CaseStatus status, String owner, boolean expected) {
        assertEquals(expected, CaseTransitions.userMayPost(status, owner, "alice"));
    }

    @ParameterizedTest(name = "alice (admin={2}) resolves {0} owned by {1}: {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "READY,    alice, false, true",
                "READY,    bob,   false, false",
                "READY,    bob,   true,  true",
                "NEW,      -,     true,  false",
                "RESOLVED, alice, false, false",
                "CLOSED,   alice, true,  false",
            })
    void resolveRights(CaseStatus status, String owner, boolean admin, boolean expected) {
        assertEquals(expected, CaseTransitions.mayResolve(status, owner, "alice", admin));
    }

    @ParameterizedTest(name = "alice (sees all={2}) reads {0} owned by {1}: {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "NEW,      -,     false, true",
                "READY,    alice, false, true",
                "READY,    bob,   false, false",
                "RESOLVED, alice, false, true",
                "RESOLVED, bob,   false, false",
                "READY,    bob,   true,  true",
            })
    void readRights(CaseStatus status, String owner, boolean seesAll, boolean expected) {
        assertEquals(expected, CaseTransitions.mayRead(status, owner, "alice", seesAll));
    }
}
