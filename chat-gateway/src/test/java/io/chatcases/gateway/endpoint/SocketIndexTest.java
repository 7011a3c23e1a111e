package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.gateway.routing.Audience;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The candidates of a Case's events: its own customers and the agents, nobody else, no leaks. */
class SocketIndexTest {
    private static Set<String> of(Iterable<String> sockets) {
        Set<String> set = new HashSet<>();
        sockets.forEach(set::add);
        return set;
    }

    @Test
    void aCasesAudienceIsItsCustomersAndTheAgents() {
        SocketIndex<String> index = new SocketIndex<>();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        index.add("a-tab1", Audience.Listener.customer("a-tab1", a));
        index.add("a-tab2", Audience.Listener.customer("a-tab2", a));
        index.add("b-tab1", Audience.Listener.customer("b-tab1", b));
        index.add("alice", Audience.Listener.agent("alice", "alice"));
        index.add("bob", Audience.Listener.agent("bob", "bob"));

        assertEquals(Set.of("a-tab1", "a-tab2", "alice", "bob"), of(index.caseAudience(a)));
        assertEquals(Set.of("b-tab1", "alice", "bob"), of(index.caseAudience(b)));
        assertEquals(Set.of("alice", "bob"), of(index.caseAudience(UUID.randomUUID())));
        assertEquals(Set.of("alice", "bob"), of(index.caseAudience(null)));

        index.remove("a-tab1", Audience.Listener.customer("a-tab1", a));
        index.remove("bob", Audience.Listener.agent("bob", "bob"));
        assertEquals(Set.of("a-tab2", "alice"), of(index.caseAudience(a)));
        index.remove("a-tab2", Audience.Listener.customer("a-tab2", a));
        assertEquals(Set.of(), of(index.customersOf(a)));
        assertEquals(1, index.casesIndexed(), "Case a's entry left with its last socket");
    }

    /**
     * Sockets of one Case open and close at once from many threads, many rounds: a socket that
     * opens while the Case's last other socket closes is still found, and no empty entry stays.
     */
    @Test
    void concurrentOpensAndClosesOfOneCaseLoseNoSocketAndLeakNoEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 2_000; round++) {
                SocketIndex<String> index = new SocketIndex<>();
                UUID c = UUID.randomUUID();
                Audience.Listener closing = Audience.Listener.customer("old", c);
                index.add("old", closing);
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<?>> done = new ArrayList<>();
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    index.remove("old", closing);
                                    return null;
                                }));
                for (int i = 0; i < 3; i++) {
                    String id = "new" + i;
                    done.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        index.add(id, Audience.Listener.customer(id, c));
                                        return null;
                                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                assertEquals(
                        Set.of("new0", "new1", "new2"), of(index.customersOf(c)), "round " + round);
                for (int i = 0; i < 3; i++) {
                    index.remove("new" + i, Audience.Listener.customer("new" + i, c));
                }
                assertEquals(0, index.casesIndexed(), "round " + round);
                assertTrue(index.customersOf(c).isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
