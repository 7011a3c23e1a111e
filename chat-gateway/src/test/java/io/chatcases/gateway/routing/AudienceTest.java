package io.chatcases.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.events.CaseEvent;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.EventType;
import io.chatcases.events.MessageKind;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.chatcases.gateway.routing.Audience.Event;
import io.chatcases.gateway.routing.Audience.Listener;
import java.time.Instant;
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

    /** A message.posted event as case-service publishes it, carrying a message of {@code kind}. */
    static CaseEvent posted(MessageKind kind, CaseStatus status, String ownerId) {
        CaseView.Person owner = ownerId == null ? null : new CaseView.Person(ownerId, "A", "B");
        CaseView view =
                new CaseView(
                        CASE, 7, Channel.WEB_CONNECT, status, owner, null, Instant.EPOCH, 5, false);
        MessageView message =
                new MessageView(
                        CASE,
                        5,
                        UUID.randomUUID(),
                        "c-5",
                        kind,
                        new MessageView.Sender(SenderType.USER, "alice-id", "Alice Anderson"),
                        "private",
                        null,
                        Instant.EPOCH);
        return new CaseEvent(view, message, null, null);
    }

    static Set<String> recipientsOf(CaseEvent e) {
        return recipients(Event.of(EventType.MESSAGE_POSTED, e));
    }

    @Test
    void aNoteOnAnOwnedCaseGoesToTheOwnersSocketsOnly() {
        assertEquals(
                Set.of("alice", "alice-tab-2"),
                recipientsOf(posted(MessageKind.NOTE, CaseStatus.READY, "alice-id")));
        // The same message as TEXT reaches the customer too: only the kind keeps it away.
        assertEquals(
                Set.of("customer", "customer-tab-2", "alice", "alice-tab-2"),
                recipientsOf(posted(MessageKind.TEXT, CaseStatus.READY, "alice-id")));
    }

    @Test
    void aNoteOnANewCaseGoesToEveryAgentAndNoCustomer() {
        assertEquals(
                Set.of("alice", "alice-tab-2", "bob", "carol"),
                recipientsOf(posted(MessageKind.NOTE, CaseStatus.NEW, null)));
    }

    @Test
    void aNoteNeverReachesACustomerWhateverTheCaseState() {
        for (CaseStatus status : CaseStatus.values()) {
            String owner = status == CaseStatus.NEW ? null : "bob-id";
            Set<String> got = recipientsOf(posted(MessageKind.NOTE, status, owner));
            assertEquals(
                    status == CaseStatus.NEW
                            ? Set.of("alice", "alice-tab-2", "bob", "carol")
                            : Set.of("bob"),
                    got,
                    status.name());
        }
    }

    @Test
    void aCustomersPageOfTheConversationNeverHoldsANote() {
        MessageView text = posted(MessageKind.TEXT, CaseStatus.READY, "alice-id").message();
        MessageView note = posted(MessageKind.NOTE, CaseStatus.READY, "alice-id").message();
        assertEquals(List.of(text, text), Audience.forCustomer(List.of(text, note, text)));
        assertEquals(List.of(), Audience.forCustomer(List.of(note)));
    }
}
