package io.chatcases.cases.claims;

import static io.chatcases.cases.support.Fixtures.agent;
import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Many agents claim one Case at the same instant: one winner, one event, one system message. */
@QuarkusTest
class ClaimConcurrencyTest {
    @Inject CaseService cases;

    @ParameterizedTest(name = "{0} agents, {1} rounds")
    @CsvSource({"2, 150", "10, 100", "50, 30"})
    void exactlyOneOfManySimultaneousClaimsWins(int agents, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        Set<String> caseIds = new HashSet<>();
        try {
            for (int round = 0; round < rounds; round++) {
                ChatCase c = Fixtures.startCase(cases);
                caseIds.add(c.id.toString());
                CyclicBarrier start = new CyclicBarrier(agents);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    String name = "claimer" + i;
                    outcomes.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        try {
                                            await(() -> cases.claim(c.id, agent(name)));
                                            return "won:" + name;
                                        } catch (ApiException e) {
                                            return "lost:" + e.code();
                                        }
                                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get());
                }
                List<String> winners = results.stream().filter(r -> r.startsWith("won:")).toList();
                assertEquals(1, winners.size(), "round " + round + ": " + results);
                assertEquals(
                        agents - 1,
                        results.stream().filter(r -> r.equals("lost:ALREADY_CLAIMED")).count(),
                        "round " + round + ": " + results);
                String winner = "agent-" + winners.get(0).substring(4);
                ChatCase after = await(() -> Panache.withSession(() -> ChatCase.findById(c.id)));
                assertEquals(winner, after.ownerId);
                long systemMessages =
                        await(
                                () ->
                                        Panache.withSession(
                                                () ->
                                                        Message.count(
                                                                "caseId = ?1 and kind = 'SYSTEM'",
                                                                c.id)));
                assertEquals(1, systemMessages, "one claim message in round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        caseIds,
                        ev -> claimedPerCase(ev).size() == caseIds.size(),
                        Duration.ofSeconds(30));
        Map<String, Long> claimed = claimedPerCase(events);
        assertEquals(caseIds, claimed.keySet(), "every Case has its case.claimed");
        claimed.forEach((id, n) -> assertEquals(1L, n, "case.claimed events for " + id));
    }

    private static Map<String, Long> claimedPerCase(List<CaseEventsTopic.Event> events) {
        return events.stream()
                .filter(e -> EventType.CASE_CLAIMED.equals(e.type()))
                .collect(Collectors.groupingBy(CaseEventsTopic.Event::key, Collectors.counting()));
    }
}
