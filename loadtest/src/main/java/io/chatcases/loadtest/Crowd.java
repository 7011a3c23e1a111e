package io.chatcases.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.KeycloakAgents;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated people of a scenario: agents and customers spread over the gateway replicas, the
 * run being measured, and what they saw that was not expected.
 */
final class Crowd {
    final List<Agent> agents = new CopyOnWriteArrayList<>();
    final List<Customer> customers = new CopyOnWriteArrayList<>();
    final int[] ports;
    volatile Tracker tracker = new Tracker("idle", 1);

    /** Customer socket open -> history frame. */
    volatile Figures handshakes = new Figures();

    /** Chat start (POST /api/chats) latency. */
    volatile Figures starts = new Figures();

    /** Told of every non-NEW case frame an agent receives (claims scenario). */
    volatile CaseListener onCase = (agent, caseId, view, now) -> {};

    private final AtomicInteger loggedErrors = new AtomicInteger();

    /** Customer reconnects after "try again later" (capacity scenario). */
    final AtomicInteger reconnects = new AtomicInteger();

    private static final AtomicInteger EMAILS = new AtomicInteger();

    interface CaseListener {
        void seen(Agent agent, UUID caseId, JsonNode view, long now);
    }

    Crowd(int... ports) {
        this.ports = ports;
    }

    static JsonNode parse(String text) {
        try {
            return Net.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /**
     * A socket the gateway closed mid-run (a slow reader gets 1013): counted as an error, since the
     * harness does not resume it and its deliveries are lost to the figures.
     */
    void closed(String who, Short code) {
        tracker.errors.incrementAndGet();
        if (loggedErrors.incrementAndGet() <= 10) {
            System.out.println("  [" + who + " socket closed by the gateway: " + code + "]");
        }
    }

    void error(String who, JsonNode frame) {
        tracker.errors.incrementAndGet();
        if (loggedErrors.incrementAndGet() <= 10) {
            System.out.println("  [" + who + " error] " + frame);
        }
    }

    void caseSeen(Agent agent, UUID caseId, JsonNode view, long now) {
        onCase.seen(agent, caseId, view, now);
    }

    private final java.util.concurrent.ScheduledExecutorService refresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "bench-token-refresh");
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * Connects every agent (alternating over the replicas) and waits for their tiles; their tokens
     * are renewed every two minutes over the socket, as the console does.
     */
    void connectAgents(List<KeycloakAgents.Agent> who) {
        refresher.scheduleAtFixedRate(
                () -> agents.forEach(Agent::refreshToken),
                2,
                2,
                java.util.concurrent.TimeUnit.MINUTES);
        List<Future<Agent>> opening = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            Agent a = new Agent(who.get(i), ports[i % ports.length], this);
            agents.add(a);
            opening.add(a.connect());
        }
        for (Future<Agent> f : opening) {
            Net.await(f, 60);
        }
        for (Agent a : agents) {
            a.ready.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    /**
     * Starts {@code n} chats (at most {@code concurrency} in flight, or paced to {@code perSecond}
     * when above 0) and opens each customer's socket, alternating over the replicas; returns them
     * once every socket has its history.
     */
    List<Customer> startCustomers(int n, int concurrency, double perSecond, Sender firstWords) {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Customer>> opened = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (perSecond > 0) {
                long due = t0 + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            inFlight.acquireUninterruptibly();
            int port = ports[(customers.size() + opened.size()) % ports.length];
            int k = EMAILS.incrementAndGet();
            long start = System.nanoTime();
            CompletableFuture<Customer> one = new CompletableFuture<>();
            Net.startChat(
                            port,
                            "bench-" + ProcessHandle.current().pid() + "-" + k + "@example.com",
                            "Bench",
                            "Customer" + k)
                    .compose(
                            chat -> {
                                starts.record(System.nanoTime() - start);
                                return new Customer(chat, port, this).connect();
                            })
                    .onComplete(
                            r -> {
                                inFlight.release();
                                if (r.failed()) {
                                    one.completeExceptionally(r.cause());
                                    return;
                                }
                                Customer c = r.result();
                                c.ready.thenRun(
                                        () -> {
                                            if (firstWords != null) {
                                                firstWords.firstMessage(c);
                                            }
                                            one.complete(c);
                                        });
                            });
            opened.add(one);
        }
        List<Customer> started = new ArrayList<>();
        for (CompletableFuture<Customer> f : opened) {
            started.add(f.orTimeout(120, java.util.concurrent.TimeUnit.SECONDS).join());
        }
        customers.addAll(started);
        return started;
    }

    /** What a freshly opened customer writes at once (burst scenario). */
    interface Sender {
        void firstMessage(Customer c);
    }

    /**
     * Ends the given Cases (claimed first by one of the crowd's agents when {@code owners} has no
     * owner for it, then resolved by the owner), so the console of the local platform starts clean
     * after a run.
     */
    void resolveAll(List<UUID> cases, java.util.Map<UUID, Agent> owners) {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<JsonNode>> done = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            UUID caseId = cases.get(i);
            Agent owner = owners.get(caseId);
            Agent a = owner != null ? owner : agents.get(i % agents.size());
            inFlight.acquireUninterruptibly();
            CompletableFuture<JsonNode> claimed =
                    owner != null ? CompletableFuture.completedFuture(null) : a.claim(caseId);
            done.add(
                    claimed.thenCompose(ignored -> a.resolve(caseId))
                            .whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<JsonNode> f : done) {
            f.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    void closeCustomers() {
        customers.forEach(Customer::close);
        customers.clear();
    }

    void closeAll() {
        refresher.shutdownNow();
        closeCustomers();
        agents.forEach(Agent::close);
        agents.clear();
    }
}
