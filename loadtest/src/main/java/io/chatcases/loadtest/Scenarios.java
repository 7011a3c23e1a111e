package io.chatcases.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The measured scenarios. Each run gets a fresh {@link Tracker}; cases are ended afterwards. */
final class Scenarios {
    private final Settings settings;
    private final Processes processes;
    private final AtomicLong runs = new AtomicLong();

    Scenarios(Settings settings, Processes processes) {
        this.settings = settings;
        this.processes = processes;
    }

    /** Sizes and durations (scaled down for the smoke run in the test command). */
    record Settings(
            int customers,
            int agents,
            double steadyRate,
            double seconds,
            double warmUpSeconds,
            int runs,
            int burstChats,
            double burstSeconds,
            List<Double> kneeRates,
            double kneeStepSeconds,
            double kneeP99Ms,
            int capacitySockets,
            double capacityOpensPerSecond,
            int socketsPerCase,
            int claimPool,
            int claimEvery) {
        /** The same settings at another steady rate ({@code --rate}: profiling one load). */
        Settings withSteadyRate(double rate) {
            return with(rate, claimEvery);
        }

        /**
         * Every Case of the steady crowd claimed ({@code --all-claimed}): no message is owed to
         * every console, so what the fan-out to waiting Cases costs shows by difference.
         */
        Settings withAllClaimed() {
            return with(steadyRate, 1);
        }

        private Settings with(double rate, int every) {
            return new Settings(
                    customers,
                    agents,
                    rate,
                    seconds,
                    warmUpSeconds,
                    runs,
                    burstChats,
                    burstSeconds,
                    kneeRates,
                    kneeStepSeconds,
                    kneeP99Ms,
                    capacitySockets,
                    capacityOpensPerSecond,
                    socketsPerCase,
                    claimPool,
                    every);
        }
    }

    Tracker tracker(int capacity) {
        return new Tracker(
                "b" + ProcessHandle.current().pid() + "r" + runs.incrementAndGet(), capacity);
    }

    // ------------------------------------------------------------------------------ steady

    /**
     * The steady crowd: customers, every {@code claimEvery}-th Case claimed (half of them, or all
     * with {@code --all-claimed}), spread over the agents.
     */
    static final class Steady {
        final Crowd crowd;
        final List<Customer> customers;
        final Map<UUID, Agent> owners = new ConcurrentHashMap<>();
        final List<UUID> claimed = new ArrayList<>();

        Steady(Crowd crowd, List<Customer> customers) {
            this.crowd = crowd;
            this.customers = customers;
        }

        List<UUID> cases() {
            return customers.stream().map(c -> c.caseId).toList();
        }
    }

    Steady steadyCrowd(Crowd crowd) {
        List<Customer> customers = crowd.startCustomers(settings.customers(), 24, 0, null);
        Steady s = new Steady(crowd, customers);
        List<CompletableFuture<JsonNode>> claims = new ArrayList<>();
        int every = settings.claimEvery();
        for (int i = 0; i < customers.size(); i += every) {
            Agent a = crowd.agents.get((i / every) % crowd.agents.size());
            UUID caseId = customers.get(i).caseId;
            s.owners.put(caseId, a);
            s.claimed.add(caseId);
            claims.add(a.claim(caseId));
        }
        for (CompletableFuture<JsonNode> c : claims) {
            JsonNode answer = c.orTimeout(60, TimeUnit.SECONDS).join();
            if (!"claimed".equals(answer.path("type").asText())) {
                throw new IllegalStateException("setup claim refused: " + answer);
            }
        }
        return s;
    }

    /**
     * One run of the steady mix at {@code rate}: half customer -> agent, half agent -> customer.
     */
    Row steadyRun(Steady s, double rate, double seconds) {
        Tracker t = tracker((int) (rate * seconds) + 16);
        s.crowd.tracker = t;
        int agents = s.crowd.agents.size();
        Processes.Reading before = processes.read();
        double took =
                OpenLoop.run(
                        rate,
                        seconds,
                        (i, due) -> {
                            ThreadLocalRandom r = ThreadLocalRandom.current();
                            if (i % 2 == 0 || s.claimed.isEmpty()) {
                                Customer c = s.customers.get(r.nextInt(s.customers.size()));
                                int n =
                                        t.register(
                                                due, s.owners.containsKey(c.caseId) ? 1 : agents);
                                if (n >= 0) {
                                    c.send(t.clientMsgId(n));
                                }
                            } else {
                                UUID caseId = s.claimed.get(r.nextInt(s.claimed.size()));
                                int n = t.register(due, 1);
                                if (n >= 0) {
                                    s.owners.get(caseId).send(caseId, t.clientMsgId(n));
                                }
                            }
                        });
        drain(t, 5);
        return Row.of(t, took, Processes.between(before, processes.read()));
    }

    /** Waits until every owed delivery is made, or {@code seconds} passed. */
    static void drain(Tracker t, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (t.made() < t.owed() && System.nanoTime() < deadline) {
            Net.sleep(50);
        }
        Net.sleep(200); // late duplicates, if any, are counted too
    }

    // ------------------------------------------------------------------------------- knee

    /** One step of the knee: the rate, its figures, and whether it held. */
    record Step(double rate, Row row, boolean good) {}

    /** Steps the steady mix's rate up until p99 passes the limit or a delivery is lost. */
    List<Step> knee(Steady s) {
        List<Step> steps = new ArrayList<>();
        for (double rate : settings.kneeRates()) {
            Row row = steadyRun(s, rate, settings.kneeStepSeconds());
            boolean good =
                    row.all().p99() <= settings.kneeP99Ms()
                            && row.made() == row.owed()
                            && row.duplicates() == 0;
            steps.add(new Step(rate, row, good));
            System.out.printf(
                    "  knee %.0f msg/s: p50 %.1f ms, p99 %.1f ms, delivered %d/%d, dup %d -> %s%n",
                    rate,
                    row.all().p50(),
                    row.all().p99(),
                    row.made(),
                    row.owed(),
                    row.duplicates(),
                    good ? "holds" : "breaks");
            if (!good) {
                Net.sleep(5000); // let the backlog drain before the next run
                break;
            }
        }
        return steps;
    }

    // ------------------------------------------------------------------------------ burst

    /** Burst: many chats start within seconds, each customer writing at once; nobody claims. */
    Row burst(Crowd crowd, List<UUID> started) {
        int n = settings.burstChats();
        Tracker t = tracker(n + 16);
        crowd.tracker = t;
        crowd.starts = new Figures();
        crowd.handshakes = new Figures();
        int agents = crowd.agents.size();
        Processes.Reading before = processes.read();
        long t0 = System.nanoTime();
        List<Customer> customers =
                crowd.startCustomers(
                        n,
                        64,
                        n / settings.burstSeconds(),
                        c -> {
                            int k = t.register(System.nanoTime(), agents);
                            if (k >= 0) {
                                c.send(t.clientMsgId(k));
                            }
                        });
        double took = (System.nanoTime() - t0) / 1e9;
        drain(t, 10);
        customers.forEach(c -> started.add(c.caseId));
        return Row.of(t, took, Processes.between(before, processes.read()));
    }

    // ----------------------------------------------------------------------------- claims

    /** Claims: the claim answer latency, and when every console agreed on each claim. */
    record ClaimFigures(
            Figures.Summary answer,
            Figures.Summary agreement,
            long cases,
            long wins,
            long owners) {}

    /**
     * {@code calm}: one claim at a time across the whole crowd, each Case claimed by one console
     * (round robin) once every console saw the previous claim: the uncontended floor. Otherwise the
     * storm: every console claiming at once.
     */
    ClaimFigures claims(Crowd crowd, List<UUID> ended, Map<UUID, Agent> owners, boolean calm) {
        int pool = settings.claimPool();
        crowd.tracker = tracker(1);
        List<Customer> customers = crowd.startCustomers(pool, 24, 0, null);
        List<UUID> cases = customers.stream().map(c -> c.caseId).toList();
        ended.addAll(cases);
        // Every console shows the pool before the race starts.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (crowd.agents.stream().anyMatch(a -> !a.waiting.containsAll(cases))
                && System.nanoTime() < deadline) {
            Net.sleep(50);
        }
        Figures answer = new Figures();
        Figures agreement = new Figures();
        Map<UUID, Long> wonAt = new ConcurrentHashMap<>();
        Map<UUID, Map<Agent, Long>> seen = new ConcurrentHashMap<>();
        crowd.onCase =
                (agent, caseId, view, now) -> {
                    if (cases.contains(caseId) && view.path("owner").path("id").isTextual()) {
                        seen.computeIfAbsent(caseId, k -> new ConcurrentHashMap<>())
                                .putIfAbsent(agent, now);
                    }
                };
        if (calm) {
            for (int i = 0; i < cases.size(); i++) {
                UUID pick = cases.get(i);
                Agent a = crowd.agents.get(i % crowd.agents.size());
                long sent = System.nanoTime();
                JsonNode frame = a.claim(pick).orTimeout(30, TimeUnit.SECONDS).join();
                long now = System.nanoTime();
                answer.record(now - sent);
                if ("claimed".equals(frame.path("type").asText())) {
                    wonAt.put(pick, now);
                    owners.put(pick, a);
                }
                long until = System.nanoTime() + 2_000_000_000L;
                while (seen.getOrDefault(pick, Map.of()).size() < crowd.agents.size()
                        && System.nanoTime() < until) {
                    Net.sleep(1);
                }
            }
        } else {
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (Agent a : crowd.agents) {
                loops.add(claimLoop(a, new java.util.HashSet<>(cases), answer, wonAt, owners));
            }
            loops.forEach(l -> l.orTimeout(120, TimeUnit.SECONDS).join());
        }
        // Agreement: from the winner's answer until the last console saw the claim.
        long wait = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < wait
                && cases.stream()
                        .anyMatch(
                                c -> seen.getOrDefault(c, Map.of()).size() < crowd.agents.size())) {
            Net.sleep(50);
        }
        for (UUID c : cases) {
            Map<Agent, Long> times = seen.getOrDefault(c, Map.of());
            Long won = wonAt.get(c);
            if (won != null && times.size() == crowd.agents.size()) {
                long last = times.values().stream().mapToLong(Long::longValue).max().orElse(won);
                agreement.record(Math.max(0, last - won));
            }
        }
        crowd.onCase = (agent, caseId, view, now) -> {};
        long distinctOwners =
                owners.entrySet().stream().filter(e -> cases.contains(e.getKey())).count();
        return new ClaimFigures(
                answer.summary(), agreement.summary(), cases.size(), wonAt.size(), distinctOwners);
    }

    /** One console claiming random waiting Cases of the pool, one at a time, until none waits. */
    private static CompletableFuture<Void> claimLoop(
            Agent a,
            java.util.Set<UUID> pool,
            Figures answer,
            Map<UUID, Long> wonAt,
            Map<UUID, Agent> owners) {
        List<UUID> candidates = new ArrayList<>(pool);
        candidates.retainAll(a.waiting);
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        UUID pick = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        pool.remove(pick);
        long sent = System.nanoTime();
        return a.claim(pick)
                .thenCompose(
                        frame -> {
                            long now = System.nanoTime();
                            answer.record(now - sent);
                            if ("claimed".equals(frame.path("type").asText())) {
                                if (wonAt.putIfAbsent(pick, now) != null) {
                                    throw new IllegalStateException("two winners for " + pick);
                                }
                                owners.put(pick, a);
                            }
                            return claimLoop(a, pool, answer, wonAt, owners);
                        });
    }

    // --------------------------------------------------------------------------- capacity

    /** Capacity: what the ramp reached and what it cost. */
    record Capacity(
            long target,
            long held,
            long reconnects,
            Figures.Summary handshake,
            double rssBeforeMiB,
            double rssAfterMiB,
            Row steady,
            Row whileHeld) {

        /** The CPU of one process group in the held phase (cores), 0 when not measured. */
        double heldCores(String name) {
            return Processes.Usage.coresOf(whileHeld.usage(), name);
        }
    }

    /**
     * The Cases the idle sockets belong to ({@code socketsPerCase} sockets each), started once for
     * every capacity run, 16 at a time.
     */
    List<Net.Chat> idleChats(int port, List<UUID> ended) {
        int n = Math.max(1, settings.capacitySockets() / settings.socketsPerCase());
        System.out.println("  starting " + n + " chats for idle sockets");
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(16);
        List<CompletableFuture<Net.Chat>> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<Net.Chat> one = new CompletableFuture<>();
            Net.startChat(
                            port,
                            "cap-" + ProcessHandle.current().pid() + "-" + i + "@example.com",
                            "Idle",
                            "Customer" + i)
                    .onComplete(
                            r -> {
                                inFlight.release();
                                if (r.succeeded()) {
                                    one.complete(r.result());
                                } else {
                                    one.completeExceptionally(r.cause());
                                }
                            });
            started.add(one);
        }
        List<Net.Chat> chats = new ArrayList<>();
        for (CompletableFuture<Net.Chat> f : started) {
            chats.add(f.orTimeout(60, TimeUnit.SECONDS).join());
        }
        chats.forEach(c -> ended.add(c.caseId()));
        return chats;
    }

    /**
     * Idle customer sockets ramped on one replica ({@code socketsPerCase} per Case), the steady mix
     * running on top; then, with every socket held, the steady mix once more (what holding them
     * costs the message path, apart from the cost of opening them); then counted and closed.
     */
    Capacity capacity(
            Crowd idle, Steady steady, String replicaName, int port, List<Net.Chat> chats) {
        int target = settings.capacitySockets();
        int perCase = settings.socketsPerCase();
        Crowd one = new Crowd(port);
        one.agents.addAll(idle.agents);
        double rssBefore = rss(replicaName);
        Figures handshakes = new Figures();
        one.handshakes = handshakes;
        CompletableFuture<Row> load =
                CompletableFuture.supplyAsync(
                        () -> steadyRun(steady, settings.steadyRate(), settings.seconds()));
        List<Customer> sockets = new ArrayList<>();
        List<io.vertx.core.Future<Customer>> opening = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < target; i++) {
            long due = t0 + (long) (i * 1e9 / settings.capacityOpensPerSecond());
            long w = due - System.nanoTime();
            if (w > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(w);
            }
            Customer c = new Customer(chats.get(i % chats.size()), port, one);
            c.retry = true;
            sockets.add(c);
            opening.add(c.connect());
        }
        System.out.printf("  %d sockets opening on %d%n", target, port);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline
                && sockets.stream().anyMatch(c -> !c.ready.isDone() && !c.closed.isDone())
                && opening.stream().noneMatch(io.vertx.core.Future::failed)) {
            Net.sleep(200);
        }
        long failed = opening.stream().filter(io.vertx.core.Future::failed).count();
        if (failed > 0) {
            System.out.println(
                    "  "
                            + failed
                            + " sockets refused, e.g. "
                            + opening.stream()
                                    .filter(io.vertx.core.Future::failed)
                                    .findFirst()
                                    .get()
                                    .cause());
        }
        Row row = load.join();
        Row whileHeld = steadyRun(steady, settings.steadyRate(), settings.seconds());
        long held = sockets.stream().filter(c -> c.ready.isDone() && !c.closed.isDone()).count();
        double rssAfter = rss(replicaName);
        sockets.forEach(Customer::close);
        Net.sleep(3000);
        return new Capacity(
                target,
                held,
                one.reconnects.get(),
                handshakes.summary(),
                rssBefore,
                rssAfter,
                row,
                whileHeld);
    }

    private double rss(String name) {
        double[] v = processes.read().byGroup().get(name);
        return v == null ? 0 : v[1];
    }
}
