package io.chatcases.cases.messages;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.Housekeeping;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RESOLVED Cases close after the configured time; a CLOSED Case refuses customer messages. */
@QuarkusTest
class CloseAfterResolveTest {
    @Inject CaseService cases;
    @Inject Housekeeping housekeeping;

    @Test
    void aResolvedCaseClosesAfterTheCutoffAndThenRefusesTheCustomer() {
        ChatCase open = Fixtures.startCase(cases);
        ChatCase resolved = Fixtures.startCase(cases);
        await(() -> cases.claim(resolved.id, Fixtures.agent("cleo")));
        await(() -> cases.resolve(resolved.id, Fixtures.agent("cleo")));

        // Nothing resolved before a cutoff in the past closes.
        await(() -> housekeeping.closeResolvedBefore(Instant.now().minus(Duration.ofDays(14))));
        assertEquals(CaseStatus.RESOLVED, status(resolved));

        await(() -> housekeeping.closeResolvedBefore(Instant.now().plusSeconds(1)));
        assertEquals(CaseStatus.CLOSED, status(resolved));
        assertEquals(CaseStatus.NEW, status(open), "only RESOLVED Cases close");

        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.customerText(resolved.id, "late", "hello again?"));
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(resolved.id.toString()),
                        ev ->
                                ev.stream()
                                        .anyMatch(e -> EventType.MESSAGE_REJECTED.equals(e.type())),
                        Duration.ofSeconds(30));
        assertEquals(
                1, events.stream().filter(e -> EventType.CASE_CLOSED.equals(e.type())).count());
        assertEquals(
                "CASE_CLOSED",
                events.stream()
                        .filter(e -> EventType.MESSAGE_REJECTED.equals(e.type()))
                        .findFirst()
                        .orElseThrow()
                        .payload()
                        .at("/rejection/code")
                        .asText());
    }

    private static CaseStatus status(ChatCase c) {
        return await(() -> Panache.withSession(() -> ChatCase.<ChatCase>findById(c.id))).status;
    }
}
