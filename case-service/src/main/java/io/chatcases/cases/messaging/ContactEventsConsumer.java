package io.chatcases.cases.messaging;

import io.chatcases.cases.service.Housekeeping;
import io.chatcases.events.ContactUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A renamed Contact renames the open Cases' Contact view, so their tiles show the new name and
 * initials. Applying the same event twice changes nothing (idempotent without a dedup table).
 */
@ApplicationScoped
public class ContactEventsConsumer {
    @Inject Housekeeping housekeeping;
    @Inject OutboxRelay relay;

    @Incoming("contact-events")
    public Uni<Void> consume(ContactUpdated event) {
        if (event == null || event.contactId() == null || event.deleted()) {
            // Unreadable, or a deleted Contact: open Cases keep the view they were started with.
            return Uni.createFrom().voidItem();
        }
        return housekeeping.refreshContact(event).invoke(relay::wake).replaceWithVoid();
    }
}
