package io.chatcases.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.EventType;
import io.chatcases.gateway.routing.Audience.Event;
import io.chatcases.gateway.routing.Audience.Listener;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Exact recipient sets of each kind of case event. */
class AudienceTest {
    static final UUID CASE = UUID.randomUUID();
    static final UUID OTHER_CASE = UUID.randomUUID();

    static final List<Listener> SOCKETS =
            List.of(
                    Listener.customer("customer", CASE),
                    Listener.customer("customer-tab-2", CASE),
                    Listener.customer("other-customer", OTHER_CASE),
                    Listener.agent("alice", "alice-id"),
                    Listener.agent("alice-tab-2", "alice-id"),
                    Listener.agent("bob", "bob-id"),
                    Listener.agent("carol", "carol-id"));

    static Set<String> recipients(Event e) {
        return SOCKETS.stream()
                .filter(l -> Audience.receives(e, l))
                .map(Listener::connectionId)
                .collect(Collectors.toSet());
    }

    static Event event(EventType type, String status, String owner) {
        return new Event(type, CASE, CaseStatus.valueOf(status), owner, null, null);
    }

    @Test
    void aNewCaseGoesToItsCustomerAndEveryAgent() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2", "bob", "carol"),
                recipients(event(EventType.CASE_CREATED, "NEW", null)));
    }

    @Test
    void aCustomerMessageOnANewCaseGoesToEveryAgentForTheBadge() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2", "bob", "carol"),
                recipients(event(EventType.MESSAGE_POSTED, "NEW", null)));
    }

    @Test
    void aClaimGoesToEveryAgentSoTheTileLeavesTheOthers() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2", "bob", "carol"),
                recipients(event(EventType.CASE_CLAIMED, "READY", "alice-id")));
    }

    @Test
    void aTransferGoesToEveryAgentSoTheOldOwnerLosesTheTileAndTheNewOneGetsIt() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2", "bob", "carol"),
                recipients(event(EventType.CASE_TRANSFERRED, "READY", "bob-id")));
        // After it, the conversation goes to the new owner only.
        assertEquals(
                Set.of("customer", "customer-tab-2", "bob"),
                recipients(event(EventType.MESSAGE_POSTED, "READY", "bob-id")));
    }

    @Test
    void anUnassignedCaseIsNewAgainForEveryAgent() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2", "bob", "carol"),
                recipients(event(EventType.CASE_UNASSIGNED, "NEW", null)));
    }

    @Test
    void onceClaimedMessagesGoOnlyToTheCustomerAndTheOwner() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2"),
                recipients(event(EventType.MESSAGE_POSTED, "READY", "alice-id")));
    }

    @Test
    void resolvingGoesToTheCustomerAndTheOwner() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "bob"),
                recipients(event(EventType.CASE_RESOLVED, "RESOLVED", "bob-id")));
    }

    @Test
    void aRatingGoesToTheCustomersTabsAndTheOwnerOnly() {
        assertEquals(
                Set.of("customer", "customer-tab-2", "bob"),
                recipients(event(EventType.CASE_RATED, "RESOLVED", "bob-id")));
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2"),
                recipients(event(EventType.CASE_RATED, "CLOSED", "alice-id")));
    }

    @Test
    void aReadMarkGoesOnlyToThatAgentsSockets() {
        Event read =
                new Event(
                        EventType.CASE_READ, CASE, CaseStatus.READY, "alice-id", "alice-id", null);
        assertEquals(Set.of("alice", "alice-tab-2"), recipients(read));
    }

    @Test
    void aRefusalGoesOnlyToTheConnectionThatSent() {
        Event rejected =
                new Event(
                        EventType.MESSAGE_REJECTED,
                        CASE,
                        CaseStatus.READY,
                        "alice-id",
                        null,
                        "bob");
        assertEquals(Set.of("bob"), recipients(rejected));
    }

    @Test
    void aContactViewUpdateNeverReachesCustomers() {
        assertEquals(
                Set.of("alice", "alice-tab-2", "bob", "carol"),
                recipients(event(EventType.CASE_UPDATED, "NEW", null)));
        assertEquals(
                Set.of("carol"), recipients(event(EventType.CASE_UPDATED, "READY", "carol-id")));
    }

    @Test
    void callSignalsGoToTheCasesCustomerOrToOneAgent() {
        assertEquals(
                Set.of("customer", "customer-tab-2"),
                SOCKETS.stream()
                        .filter(l -> Audience.receivesSignal(CASE, null, l))
                        .map(Listener::connectionId)
                        .collect(Collectors.toSet()));
        assertEquals(
                Set.of("alice", "alice-tab-2"),
                SOCKETS.stream()
                        .filter(l -> Audience.receivesSignal(CASE, "alice-id", l))
                        .map(Listener::connectionId)
                        .collect(Collectors.toSet()));
    }
}
