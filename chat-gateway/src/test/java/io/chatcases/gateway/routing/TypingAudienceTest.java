package io.chatcases.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.routing.Audience.Kind;
import io.chatcases.gateway.routing.Audience.Listener;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Exact recipient sets of typing signals, their names and their expiry. */
class TypingAudienceTest {
    static final UUID CASE = AudienceTest.CASE;

    static Set<String> recipients(TypingSignal t) {
        return AudienceTest.SOCKETS.stream()
                .filter(l -> Audience.receivesTyping(t, l))
                .map(Listener::connectionId)
                .collect(Collectors.toSet());
    }

    static TypingSignal typing(Kind from, CaseStatus status, String owner) {
        return new TypingSignal(CASE, from, "Someone", status, owner, 0);
    }

    static CaseView view(String ownerFirstName, CaseView.ContactView contact) {
        return new CaseView(
                CASE,
                7,
                Channel.WEB_CONNECT,
                CaseStatus.READY,
                new CaseView.Person("alice-id", ownerFirstName, "Anderson"),
                contact,
                Instant.EPOCH,
                3,
                false);
    }

    @Test
    void theCustomerTypingInANewCaseReachesEveryAgentAndNoCustomer() {
        assertEquals(
                Set.of("alice", "alice-tab-2", "bob", "carol"),
                recipients(typing(Kind.CUSTOMER, CaseStatus.NEW, null)));
    }

    @Test
    void theCustomerTypingInAnOwnedCaseReachesTheOwnersTabsOnly() {
        assertEquals(
                Set.of("alice", "alice-tab-2"),
                recipients(typing(Kind.CUSTOMER, CaseStatus.READY, "alice-id")));
        assertEquals(
                Set.of("alice", "alice-tab-2"),
                recipients(typing(Kind.CUSTOMER, CaseStatus.RESOLVED, "alice-id")));
    }

    @Test
    void theOwnersTypingReachesTheCasesCustomerSocketsOnly() {
        // Never another Case's customer, never an agent (not even the owner's other tab).
        assertEquals(
                Set.of("customer", "customer-tab-2"),
                recipients(typing(Kind.AGENT, CaseStatus.READY, "alice-id")));
    }

    @Test
    void theFrameNamesTheOwnerByFirstNameAndTheCustomerInFull() {
        CaseView.ContactView cleo =
                new CaseView.ContactView(UUID.randomUUID(), "Cleo", "Cruz", "CC", null);
        TypingSignal agent = TypingSignal.of(Kind.AGENT, view("Alice", cleo), 1);
        assertEquals("Alice", agent.frame().name());
        assertEquals(SenderType.USER, agent.frame().from());
        assertEquals("alice-id", agent.ownerId());
        TypingSignal customer = TypingSignal.of(Kind.CUSTOMER, view("Alice", cleo), 1);
        assertEquals("Cleo Cruz", customer.frame().name());
        assertEquals(SenderType.CUSTOMER, customer.frame().from());
    }

    @Test
    void aCustomerWithoutANameIsNamedByEmailElseCustomer() {
        CaseView.ContactView emailOnly =
                new CaseView.ContactView(UUID.randomUUID(), "", null, "?", "c@example.test");
        assertEquals(
                "c@example.test",
                TypingSignal.of(Kind.CUSTOMER, view("Alice", emailOnly), 1).name());
        CaseView.ContactView nothing =
                new CaseView.ContactView(UUID.randomUUID(), null, " ", "?", null);
        assertEquals("Customer", TypingSignal.of(Kind.CUSTOMER, view("Alice", nothing), 1).name());
        assertEquals("Customer", TypingSignal.of(Kind.CUSTOMER, view("Alice", null), 1).name());
    }

    @Test
    void aSignalOlderThanTheExpiryIsNotDelivered() {
        TypingSignal t = new TypingSignal(CASE, Kind.AGENT, "Alice", CaseStatus.READY, "a", 10_000);
        assertTrue(t.fresh(10_000));
        assertTrue(t.fresh(10_000 + TypingSignal.EXPIRY_MILLIS));
        assertFalse(t.fresh(10_001 + TypingSignal.EXPIRY_MILLIS));
    }
}
