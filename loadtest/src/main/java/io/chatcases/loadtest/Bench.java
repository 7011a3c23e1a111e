package io.chatcases.loadtest;

import io.chatcases.testing.KeycloakAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark command (deploy/local/bench.sh): baselines, then the steady, knee, capacity, burst
 * and claims scenarios against the running local platform with two gateway replicas of its own;
 * prints every figure as it goes and writes the report ({@code --out}, docs/benchmarks.md).
 *
 * <p>{@code --smoke}: a small, short version that the test command runs, so the harness itself
 * stays working; {@code --only steady,claims}: some scenarios; {@code --rate 750}: the steady mix
 * at another rate (to profile one load; a partial report too); {@code --all-claimed}: every Case of
 * the steady crowd claimed, so no message goes to every console (what the fan-out to waiting Cases
 * costs, by difference; a partial report).
 */
public final class Bench {
    static final String AGENT_PREFIX = "bench-agent-";
    static final List<Double> INGEST_RATES = List.of(250.0, 500.0, 1000.0, 2000.0);
    static final double INGEST_SECONDS = 10;
    static final double INGEST_WARM_UP_RATE = 1000;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        List<String> argv = Arrays.asList(args);
        boolean smoke = argv.contains("--smoke");
        // A partial run (--only, --rate) never overwrites the full report.
        String defaultOut =
                smoke
                        ? "loadtest/target/benchmarks-smoke.md"
                        : argv.contains("--only")
                                        || argv.contains("--rate")
                                        || argv.contains("--all-claimed")
                                ? "loadtest/target/benchmarks-partial.md"
                                : "docs/benchmarks.md";
        Path out = root.resolve(option(argv, "--out", defaultOut));
        Set<String> only =
                Set.of(
                        option(argv, "--only", "baselines,ingest,steady,knee,capacity,burst,claims")
                                .split(","));
        Scenarios.Settings settings = smoke ? smoke() : full();
        double warmUpRate = settings.steadyRate();
        if (argv.contains("--rate")) {
            // Another steady rate, for profiling one load (a partial report).
            settings = settings.withSteadyRate(Double.parseDouble(option(argv, "--rate", "")));
        }
        if (argv.contains("--all-claimed")) {
            settings = settings.withAllClaimed();
        }
        Path state =
                Path.of(
                        System.getenv()
                                .getOrDefault(
                                        "STATE_DIR",
                                        root.resolve("deploy/local/.state").toString()));
        String kafka = System.getenv().getOrDefault("KAFKA_BOOTSTRAP", "127.0.0.1:9092");

        Report report = new Report(settings, smoke);
        List<KeycloakAgents.Agent> who =
                KeycloakAgents.ensure(AGENT_PREFIX, settings.agents(), "Bench");
        try (Replicas replicas = new Replicas(root, state)) {
            // Ctrl-C or a kill must not leave the bench replicas running.
            Runtime.getRuntime().addShutdownHook(new Thread(replicas::close));
            Process a = replicas.start(8070);
            Process b = replicas.start(8071);
            Processes processes =
                    new Processes()
                            .platform(state.resolve("pids"))
                            .pid("gateway-8070 (bench)", a.pid())
                            .pid("gateway-8071 (bench)", b.pid())
                            .pid("harness", ProcessHandle.current().pid());
            Scenarios scenarios = new Scenarios(settings, processes);

            if (only.contains("baselines")) {
                System.out.println("== baselines");
                List<Figures.Summary> kafkaRuns = new ArrayList<>();
                List<Figures.Summary> echoRuns = new ArrayList<>();
                Baselines.kafka(kafka, settings.steadyRate(), settings.warmUpSeconds());
                Baselines.echo(settings.steadyRate(), settings.warmUpSeconds());
                for (int i = 0; i < settings.runs(); i++) {
                    kafkaRuns.add(
                            Baselines.kafka(kafka, settings.steadyRate(), settings.seconds()));
                    echoRuns.add(Baselines.echo(settings.steadyRate(), settings.seconds()));
                    System.out.println(
                            "  kafka " + kafkaRuns.get(i) + "\n  echo " + echoRuns.get(i));
                }
                report.baselines(
                        Figures.Summary.median(kafkaRuns), Figures.Summary.median(echoRuns));
            }

            List<UUID> toEnd = new ArrayList<>();
            if (only.contains("ingest")) {
                // Before any console connects: nothing is delivered, only stored and published.
                System.out.println("== ingest");
                List<UUID> quiet = startChats(smoke ? 20 : 200);
                toEnd.addAll(quiet);
                if (!smoke) {
                    // Warm-up: cold JVMs made the first run's p50 at 250 msg/s 0.4 s, the third's
                    // 3.4 ms (2026-12-01). One step at the middle rate, not reported.
                    Ingest.run(
                            kafka,
                            quiet,
                            INGEST_WARM_UP_RATE,
                            settings.warmUpSeconds(),
                            processes,
                            "i" + ProcessHandle.current().pid() + "w");
                }
                List<List<Ingest.Step>> runs = new ArrayList<>();
                for (int i = 0; i < settings.runs(); i++) {
                    List<Ingest.Step> steps = new ArrayList<>();
                    for (double rate : smoke ? List.of(50.0) : INGEST_RATES) {
                        Ingest.Step step =
                                Ingest.run(
                                        kafka,
                                        quiet,
                                        rate,
                                        smoke ? 2 : INGEST_SECONDS,
                                        processes,
                                        "i" + ProcessHandle.current().pid() + "r" + i + "s" + rate);
                        steps.add(step);
                        System.out.printf(
                                "  ingest %.0f msg/s: published %d/%d, p50 %.1f ms, p99 %.1f ms,"
                                        + " case-service + PostgreSQL %.2f cores%n",
                                rate,
                                step.published(),
                                step.sent(),
                                step.latency().p50(),
                                step.latency().p99(),
                                step.ingestCores());
                    }
                    runs.add(steps);
                }
                report.ingest(runs, smoke ? 2 : INGEST_SECONDS, quiet.size());
            }
            Crowd crowd = new Crowd(8070, 8071);
            crowd.connectAgents(who);
            Map<UUID, Agent> owners = new ConcurrentHashMap<>();
            if (!toEnd.isEmpty()) {
                end(crowd, toEnd, owners);
            }
            try {
                if (only.contains("steady") || only.contains("knee") || only.contains("capacity")) {
                    System.out.println(
                            "== steady crowd: "
                                    + settings.customers()
                                    + " customers, "
                                    + settings.agents()
                                    + " agents");
                    Scenarios.Steady steady = scenarios.steadyCrowd(crowd);
                    toEnd.addAll(steady.cases());
                    owners.putAll(steady.owners);
                    // Warmed up at the usual rate even with --rate: cold JVMs at a high rate
                    // fall behind and stay behind (the gateway closes the harness as a slow
                    // reader).
                    scenarios.steadyRun(steady, warmUpRate, settings.warmUpSeconds());
                    if (only.contains("steady")) {
                        List<Row> runs = new ArrayList<>();
                        for (int i = 0; i < settings.runs(); i++) {
                            runs.add(
                                    scenarios.steadyRun(
                                            steady, settings.steadyRate(), settings.seconds()));
                            System.out.println("  steady " + Report.line(runs.get(i)));
                        }
                        report.steady(runs);
                    }
                    if (only.contains("knee")) {
                        System.out.println("== knee");
                        List<List<Scenarios.Step>> runs = new ArrayList<>();
                        for (int i = 0; i < settings.runs(); i++) {
                            runs.add(scenarios.knee(steady));
                        }
                        report.knee(runs);
                    }
                    if (only.contains("capacity")) {
                        System.out.println("== capacity");
                        List<Scenarios.Capacity> runs = new ArrayList<>();
                        List<Net.Chat> idle = scenarios.idleChats(8070, toEnd);
                        String replica = "gateway-8070 (bench)";
                        for (int i = 0; i < settings.runs(); i++) {
                            runs.add(scenarios.capacity(crowd, steady, replica, 8070, idle));
                            System.out.println("  capacity " + runs.get(i));
                        }
                        report.capacity(runs, replica);
                    }
                    crowd.closeCustomers();
                    end(crowd, toEnd, owners);
                }
                if (only.contains("burst")) {
                    System.out.println("== burst");
                    List<Row> runs = new ArrayList<>();
                    List<Figures.Summary> starts = new ArrayList<>();
                    List<Figures.Summary> opens = new ArrayList<>();
                    for (int i = 0; i < settings.runs(); i++) {
                        runs.add(scenarios.burst(crowd, toEnd));
                        starts.add(crowd.starts.summary());
                        opens.add(crowd.handshakes.summary());
                        System.out.println(
                                "  burst " + Report.line(runs.get(i)) + " start " + starts.get(i));
                        crowd.closeCustomers();
                        end(crowd, toEnd, owners);
                    }
                    report.burst(
                            runs, Figures.Summary.median(starts), Figures.Summary.median(opens));
                }
                if (only.contains("claims")) {
                    System.out.println("== claims");
                    List<Scenarios.ClaimFigures> runs = new ArrayList<>();
                    List<Scenarios.ClaimFigures> calm = new ArrayList<>();
                    for (int i = 0; i < settings.runs(); i++) {
                        runs.add(scenarios.claims(crowd, toEnd, owners, false));
                        System.out.println("  claims (storm) " + runs.get(i));
                        crowd.closeCustomers();
                        end(crowd, toEnd, owners);
                        calm.add(scenarios.claims(crowd, toEnd, owners, true));
                        System.out.println("  claims (calm) " + calm.get(i));
                        crowd.closeCustomers();
                        end(crowd, toEnd, owners);
                    }
                    report.claims(runs, calm);
                }
            } finally {
                crowd.closeAll();
            }
        } finally {
            KeycloakAgents.delete(AGENT_PREFIX, settings.agents());
        }
        String findings = read(root.resolve("loadtest/findings.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.render(findings));
        System.out.println("== written " + root.relativize(out));
        Net.VERTX.close();
        System.exit(report.failed() ? 1 : 0);
    }

    /** Chats nobody opens a socket on (the ingest scenario's Cases). */
    private static List<UUID> startChats(int n) {
        List<UUID> ids = new ArrayList<>();
        String run = "quiet-" + ProcessHandle.current().pid();
        for (int i = 0; i < n; i++) {
            ids.add(
                    Net.await(
                                    Net.startChat(
                                            8070, run + "-" + i + "@example.com", "Quiet", "C" + i),
                                    30)
                            .caseId());
        }
        return ids;
    }

    /** Ends the Cases the run started (claimed by an agent where nobody owns them, resolved). */
    private static void end(Crowd crowd, List<UUID> cases, Map<UUID, Agent> owners) {
        crowd.resolveAll(List.copyOf(cases), owners);
        cases.clear();
    }

    static Scenarios.Settings full() {
        return new Scenarios.Settings(
                500,
                50,
                100,
                20,
                60,
                3,
                300,
                10,
                List.of(100.0, 250.0, 500.0, 750.0, 1000.0, 1250.0, 1500.0, 2000.0),
                8,
                250,
                10_000,
                250,
                4,
                100,
                2);
    }

    static Scenarios.Settings smoke() {
        return new Scenarios.Settings(
                40, 6, 40, 3, 2, 1, 20, 2, List.of(40.0, 80.0), 2, 250, 200, 100, 4, 10, 2);
    }

    private static String option(List<String> argv, String name, String fallback) {
        int i = argv.indexOf(name);
        return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : fallback;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
