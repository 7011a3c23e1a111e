package io.chatcases.cases.messaging;

import io.chatcases.cases.service.Housekeeping;
import io.chatcases.events.ContactUpdated;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * A renamed Contact renames the open Cases' Contact view, so their tiles show the new name and
 * initials; an event older than the view's is ignored, so replays and out-of-order relays are
 * harmless. Transient faults are retried until they clear; an event that can never apply is logged
 * and counted ({@code chat.contact-events.skipped}) and consumption goes on.
 */
@ApplicationScoped
public class ContactEventsConsumer {
    private static final Logger LOG = Logger.getLogger(ContactEventsConsumer.class);
    static final String CHANNEL = "contact-events";

    @Inject Housekeeping housekeeping;
    @Inject ConsumerProgress progress;
    @Inject IngestConfig config;
    @Inject MeterRegistry metrics;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ContactUpdated event) {
        if (event == null || event.contactId() == null || event.updatedAt() == null) {
            return skip(event, "unreadable or without contactId/updatedAt", null);
        }
        if (event.deleted()) {
            // A deleted Contact: open Cases keep the view they were started with.
            return Uni.createFrom().voidItem();
        }
        ConsumerProgress.Work work = progress.begin(CHANNEL, event.contactId());
        return work.untilDone(
                        () -> housekeeping.refreshContact(event).replaceWithVoid(),
                        config.attemptTimeout(),
                        failure -> skip(event, "cannot be applied", failure))
                .eventually(() -> progress.end(work));
    }

    private Uni<Void> skip(ContactUpdated event, String why, Throwable failure) {
        metrics.counter("chat.contact-events.skipped").increment();
        LOG.errorf(
                failure,
                "contact.updated for %s skipped: %s",
                event == null ? "?" : event.contactId(),
                why);
        return Uni.createFrom().voidItem();
    }
}
