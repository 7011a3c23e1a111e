package io.chatcases.cases.calls;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.CallLog;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.cases.service.CallService;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Both gateway replicas and their retries report the same call at the same instant: each call is
 * logged exactly once (one start at most, one end), whatever the interleaving.
 */
@QuarkusTest
class CallLogConcurrencyTest {
    private static final int REPORTERS = 8;
    private static final int ROUNDS = 40;

    @Inject CaseService cases;
    @Inject CallService calls;

    private ChatCase claimedSdkCase() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ChatCase c =
                await(
                                () ->
                                        cases.start(
                                                Channel.SUPPORT_SDK,
                                                new CaseService.ContactMatch(
                                                        UUID.randomUUID(),
                                                        "sdk-" + suffix + "@example.com",
                                                        "Sue",
                                                        "Dee",
                                                        "SD")))
                        .kase();
        await(() -> cases.claim(c.id, Fixtures.agent("caller")));
        return c;
    }

    private List<String> textsAfter(UUID caseId, long seq) {
        return await(
                        () ->
                                Panache.withSession(
                                        () ->
                                                Message.<Message>find(
                                                                "caseId = ?1 and seq > ?2 order by seq",
                                                                caseId,
                                                                seq)
                                                        .list()))
                .stream()
                .map(m -> m.text)
                .toList();
    }

    private long lastSeq(UUID caseId) {
        return await(() -> Panache.withSession(() -> ChatCase.<ChatCase>findById(caseId))).lastSeq;
    }

    /** Runs every task at once (a barrier) and waits for them all. */
    private static void atOnce(ExecutorService pool, List<Runnable> tasks) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(tasks.size());
        List<Future<?>> done = new ArrayList<>();
        for (Runnable task : tasks) {
            done.add(
                    pool.submit(
                            () -> {
                                barrier.await();
                                task.run();
                                return null;
                            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    @Test
    void duplicateReportsAtTheSameInstantLogEachStepOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REPORTERS * 2);
        ChatCase c = claimedSdkCase();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String callId = "call-" + round;
                long before = lastSeq(c.id);
                List<Runnable> offers = new ArrayList<>();
                for (int i = 0; i < REPORTERS; i++) {
                    offers.add(
                            () ->
                                    await(
                                            () ->
                                                    calls.report(
                                                            c.id,
                                                            callId,
                                                            CallLog.Event.OFFERED,
                                                            "video",
                                                            null)));
                }
                atOnce(pool, offers);
                // Odd rounds: answers and ends race each other; even rounds: answers first.
                List<Runnable> started = new ArrayList<>();
                List<Runnable> ended = new ArrayList<>();
                for (int i = 0; i < REPORTERS; i++) {
                    started.add(
                            () ->
                                    await(
                                            () ->
                                                    calls.report(
                                                            c.id,
                                                            callId,
                                                            CallLog.Event.STARTED,
                                                            null,
                                                            null)));
                    ended.add(
                            () ->
                                    await(
                                            () ->
                                                    calls.report(
                                                            c.id,
                                                            callId,
                                                            CallLog.Event.ENDED,
                                                            null,
                                                            "disconnected")));
                }
                if (round % 2 == 0) {
                    atOnce(pool, started);
                    atOnce(pool, ended);
                } else {
                    List<Runnable> all = new ArrayList<>(started);
                    all.addAll(ended);
                    atOnce(pool, all);
                }
                List<String> texts = textsAfter(c.id, before);
                long starts = texts.stream().filter("Video call started"::equals).count();
                long ends =
                        texts.stream()
                                .filter(
                                        t ->
                                                t.startsWith("Video call ended (")
                                                        || t.equals("Missed video call"))
                                .count();
                assertEquals(texts.size(), starts + ends, "round " + round + ": " + texts);
                assertEquals(1, ends, "round " + round + ": " + texts);
                assertTrue(starts <= 1, "round " + round + ": " + texts);
                if (round % 2 == 0) {
                    assertEquals(1, starts, "round " + round + ": " + texts);
                }
                // Started comes before its end; a missed call was never started.
                assertEquals(
                        starts == 1,
                        texts.get(texts.size() - 1).startsWith("Video call ended ("),
                        "round " + round + ": " + texts);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
