package io.chatcases.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** docs/benchmarks.md: machine, settings, baselines, each scenario's median run, targets. */
final class Report {
    private final Scenarios.Settings settings;
    private final boolean smoke;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Figures.Summary kafka = Figures.Summary.NONE;

    Report(Scenarios.Settings settings, boolean smoke) {
        this.settings = settings;
        this.smoke = smoke;
    }

    /** True when a smoke run saw loss, duplicates, gaps or errors (the test command fails). */
    boolean failed() {
        return smoke && !problems.isEmpty();
    }

    void baselines(Figures.Summary kafka, Figures.Summary echo) {
        this.kafka = kafka;
        body.append("## Baselines (same run, same rate: ")
                .append(fmt(settings.steadyRate()))
                .append(" msg/s)\n\n")
                .append("| floor | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n")
                .append(
                        summaryRow(
                                "raw Kafka produce -> consume (acks=all, idempotent, linger 0)",
                                kafka))
                .append(summaryRow("bare WebSocket echo round trip (Vert.x, loopback)", echo))
                .append(
                        "\nThe chat path crosses Kafka twice (chat.ingest, then chat.case-events): its floor is two Kafka round trips plus two socket hops.\n\n");
    }

    /**
     * The ingest scenario: per rate, every run's published share, latency and the CPU of
     * case-service and PostgreSQL per message.
     */
    void ingest(List<List<Ingest.Step>> runs, double seconds, int cases) {
        body.append("## Ingest (case-service's half)\n\n")
                .append(
                        "Customer sends written straight to `chat.ingest` (the gateway's producer settings) for ")
                .append(cases)
                .append(
                        " waiting Cases, before any console connects: each is stored, and its `message.posted` read back from `chat.case-events`. No fan-out, no sockets: what case-service, PostgreSQL and Kafka cost per message, and the time from the intended send to the published event. ")
                .append(fmt(seconds))
                .append(
                        smoke
                                ? " s per rate, no warm-up (smoke).\n\n"
                                : " s per rate, after a warm-up of "
                                        + fmt(settings.warmUpSeconds())
                                        + " s at "
                                        + fmt(Bench.INGEST_WARM_UP_RATE)
                                        + " msg/s.\n\n")
                .append(
                        "| run | rate msg/s | published | p50 | p99 | max | case-service cores | PostgreSQL cores | their CPU ms per message |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            for (Ingest.Step st : runs.get(i)) {
                body.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %s | %d/%d | %s | %s | %s | %.2f | %.2f | %.2f |%n",
                                i + 1,
                                fmt(st.rate()),
                                st.published(),
                                st.sent(),
                                ms(st.latency().p50()),
                                ms(st.latency().p99()),
                                ms(st.latency().max()),
                                st.cores("case-service"),
                                st.cores("postgresql"),
                                st.ingestMsPerMessage()));
                if (st.published() < st.sent()) {
                    problems.add("ingest: " + (st.sent() - st.published()) + " not published");
                }
            }
        }
        body.append("\n");
    }

    void steady(List<Row> runs) {
        Row m = Row.median(runs);
        check("steady", m);
        body.append("## Steady\n\n")
                .append(settings.customers())
                .append(" customers and ")
                .append(settings.agents())
                .append(" agents over two gateway replicas, ")
                .append(settings.claimEvery() == 1 ? "every Case" : "half the Cases")
                .append(" claimed (")
                .append(settings.customers() / settings.claimEvery() / settings.agents())
                .append(" per agent), ")
                .append(fmt(settings.steadyRate()))
                .append(
                        " msg/s in all: half customer -> agent, half agent -> customer (on claimed Cases). A message to an unclaimed Case is owed to every agent console; latency is counted at every recipient. ")
                .append(runs.size())
                .append(" runs of ")
                .append(fmt(settings.seconds()))
                .append(" s after a ")
                .append(fmt(settings.warmUpSeconds()))
                .append(" s warm-up.\n\n");
        rowTable(m);
        double ratio = kafka.p50() == 0 ? 0 : m.all().p50() / (2 * kafka.p50());
        body.append(
                String.format(
                        Locale.ROOT,
                        "\np50 / (2 x raw Kafka p50) = **%.2f** (target <= 3); p99 / (2 x raw Kafka p99) = %.2f.%n%n",
                        ratio,
                        kafka.p99() == 0 ? 0 : m.all().p99() / (2 * kafka.p99())));
        usage(m, true);
        target("steady e2e p50 <= 10 ms", m.all().p50() <= 10, ms(m.all().p50()));
        target("steady e2e p99 <= 50 ms", m.all().p99() <= 50, ms(m.all().p99()));
        if (kafka.count() > 0) {
            target(
                    "steady p50 within 3x of two Kafka round trips",
                    ratio <= 3,
                    String.format(Locale.ROOT, "%.2fx", ratio));
        }
        target(
                "steady: zero loss, zero duplicates",
                m.made() == m.owed() && m.duplicates() == 0,
                m.made() + "/" + m.owed() + " delivered, " + m.duplicates() + " duplicates");
    }

    void burst(List<Row> runs, Figures.Summary starts, Figures.Summary opens) {
        Row m = Row.median(runs);
        check("burst", m);
        body.append("## Burst of new chats\n\n")
                .append(settings.burstChats())
                .append(" chats started within ")
                .append(fmt(settings.burstSeconds()))
                .append(
                        " s over both replicas, each customer writing the moment its socket has the history; nobody claims, so each first message is owed to all ")
                .append(settings.agents())
                .append(" consoles. ")
                .append(runs.size())
                .append(" runs.\n\n");
        rowTable(m);
        body.append("\n| start | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n")
                .append(summaryRow("POST /api/chats", starts))
                .append(summaryRow("customer socket open -> history frame", opens))
                .append("\n");
        usage(m, false);
        target("burst e2e p50 <= 10 ms", m.all().p50() <= 10, ms(m.all().p50()));
        target("burst e2e p99 <= 50 ms", m.all().p99() <= 50, ms(m.all().p99()));
        target(
                "burst: zero loss, zero duplicates",
                m.made() == m.owed() && m.duplicates() == 0,
                m.made() + "/" + m.owed() + " delivered, " + m.duplicates() + " duplicates");
    }

    void knee(List<List<Scenarios.Step>> runs) {
        body.append("## Knee\n\nThe steady mix, its rate stepped up (")
                .append(fmt(settings.kneeStepSeconds()))
                .append(" s per step) until p99 passes ")
                .append(fmt(settings.kneeP99Ms()))
                .append(
                        " ms or a delivery is lost or doubled. CPU: the cores all processes used during the step (2 on this machine), and the three busiest.\n\n| run | step msg/s | sent msg/s | p50 | p99 | max | delivered | dup | holds | CPU cores: all; busiest |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<Double> lastGood = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            double good = 0;
            for (Scenarios.Step s : runs.get(r)) {
                body.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %s | %.0f | %s | %s | %s | %d/%d | %d | %s | %s |%n",
                                r + 1,
                                fmt(s.rate()),
                                s.row().msgPerSecond(),
                                ms(s.row().all().p50()),
                                ms(s.row().all().p99()),
                                ms(s.row().all().max()),
                                s.row().made(),
                                s.row().owed(),
                                s.row().duplicates(),
                                s.good() ? "yes" : "**no**",
                                busiest(s.row().usage())));
                if (s.good()) {
                    good = s.rate();
                }
            }
            lastGood.add(good);
        }
        double median = Figures.median(lastGood, Double::doubleValue);
        boolean allHeld = runs.stream().allMatch(r -> r.stream().allMatch(Scenarios.Step::good));
        body.append("\nLast good step per run: ")
                .append(lastGood)
                .append("; median **")
                .append(fmt(median))
                .append(" msg/s**")
                .append(allHeld ? " (the highest step tried: the knee lies above it)" : "")
                .append(".\n\n");
        target("knee >= 1,000 msg/s end to end", median >= 1000, fmt(median) + " msg/s");
    }

    void capacity(List<Scenarios.Capacity> runs, String replicaName) {
        body.append("## Capacity\n\nIdle customer sockets opened at ")
                .append(fmt(settings.capacityOpensPerSecond()))
                .append("/s on one bench replica (")
                .append(settings.socketsPerCase())
                .append(
                        " per Case, as tabs and devices; the cap is raised for the bench), the steady mix running on top over both replicas; a socket told to try again later (1013) reconnects after 1-2 s as the widget does; then, every socket held, the steady mix runs again for as long (\"while held\": what holding them costs the message path, apart from opening them), and the sockets are counted. Handshake: first attempt -> history frame, retries included.\n\n")
                .append(
                        "| run | target | held | reconnects | handshake p50 | handshake p99 | PSS before the run MiB | PSS held MiB | KiB per socket (vs. before run 1) | steady during the ramp p50 | p99 | steady while held p50 | p99 | CPU of that replica while held (cores) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            Scenarios.Capacity c = runs.get(i);
            body.append(
                    String.format(
                            Locale.ROOT,
                            "| %d | %d | %d | %d | %s | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s | %.2f |%n",
                            i + 1,
                            c.target(),
                            c.held(),
                            c.reconnects(),
                            ms(c.handshake().p50()),
                            ms(c.handshake().p99()),
                            c.rssBeforeMiB(),
                            c.rssAfterMiB(),
                            c.held() == 0
                                    ? 0
                                    : (c.rssAfterMiB() - runs.get(0).rssBeforeMiB())
                                            * 1024
                                            / c.held(),
                            ms(c.steady().all().p50()),
                            ms(c.steady().all().p99()),
                            ms(c.whileHeld().all().p50()),
                            ms(c.whileHeld().all().p99()),
                            c.heldCores(replicaName)));
        }
        double held = Figures.median(runs, c -> c.held());
        double rss = Figures.median(runs, Scenarios.Capacity::rssAfterMiB);
        body.append("\n");
        target(
                "capacity >= "
                        + settings.capacitySockets()
                        + " sockets on one gateway within 1 GiB RSS",
                held >= settings.capacitySockets() && rss <= 1024,
                String.format(Locale.ROOT, "%.0f sockets, %.0f MiB", held, rss));
        if (held < settings.capacitySockets()) {
            problems.add("capacity held " + held);
        }
    }

    void claims(List<Scenarios.ClaimFigures> storm, List<Scenarios.ClaimFigures> calm) {
        body.append("## Claims\n\nA pool of ")
                .append(settings.claimPool())
                .append(" new Cases per run. **Storm**: all ")
                .append(settings.agents())
                .append(
                        " consoles claim random waiting Cases of it, one at a time each, until none waits. **Calm**: one claim at a time across the crowd, each Case claimed by one console (round robin) after every console saw the previous claim: the uncontended floor. Answer: claim frame -> `claimed` or `ALREADY_CLAIMED`. Agreement: the winner's answer -> the last console's `case` frame showing the owner. The targets are judged on the storm.\n\n")
                .append(
                        "| run | cases | winners | answer p50 | answer p99 | answer max | agreement p50 | agreement p99 | agreement max |\n|---|---|---|---|---|---|---|---|---|\n");
        claimRows("storm", storm);
        claimRows("calm", calm);
        double p99 = Figures.median(storm, c -> c.answer().p99());
        double agree = Figures.median(storm, c -> c.agreement().p99());
        body.append("\n");
        target("claims p99 <= 20 ms (storm)", p99 <= 20, ms(p99));
        target("every console agrees within 100 ms (p99, storm)", agree <= 100, ms(agree));
    }

    private void claimRows(String kind, List<Scenarios.ClaimFigures> runs) {
        for (int i = 0; i < runs.size(); i++) {
            Scenarios.ClaimFigures c = runs.get(i);
            body.append(
                    String.format(
                            Locale.ROOT,
                            "| %s %d | %d | %d | %s | %s | %s | %s | %s | %s |%n",
                            kind,
                            i + 1,
                            c.cases(),
                            c.wins(),
                            ms(c.answer().p50()),
                            ms(c.answer().p99()),
                            ms(c.answer().max()),
                            ms(c.agreement().p50()),
                            ms(c.agreement().p99()),
                            ms(c.agreement().max())));
            if (c.wins() != c.cases()) {
                problems.add(
                        "claims ("
                                + kind
                                + "): "
                                + c.wins()
                                + " winners for "
                                + c.cases()
                                + " cases");
            }
        }
    }

    private void check(String name, Row m) {
        if (m.made() != m.owed() || m.duplicates() > 0 || m.gaps() > 0 || m.errors() > 0) {
            problems.add(
                    name
                            + ": delivered "
                            + m.made()
                            + "/"
                            + m.owed()
                            + ", duplicates "
                            + m.duplicates()
                            + ", gaps "
                            + m.gaps()
                            + ", errors "
                            + m.errors());
        }
    }

    private void rowTable(Row m) {
        body.append(
                        "| path | msg/s | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n")
                .append(latencyRow("every delivery", m.msgPerSecond(), m.all()))
                .append(latencyRow("to agents", 0, m.toAgents()))
                .append(latencyRow("to customers", 0, m.toCustomers()))
                .append(latencyRow("send -> accepted", 0, m.accepted()))
                .append(latencyRow("send -> stored (createdAt)", 0, m.toStored()))
                .append(latencyRow("stored -> delivered", 0, m.storedToDelivery()))
                .append(
                        String.format(
                                Locale.ROOT,
                                "%nDelivered %d of %d owed (%.4f), duplicates %d, gaps %d, error frames %d (counts summed over the runs; duplicates, gaps and errors of the worst run).%n%n",
                                m.made(),
                                m.owed(),
                                m.deliveredShare(),
                                m.duplicates(),
                                m.gaps(),
                                m.errors()));
    }

    private void usage(Row m, boolean perMessage) {
        body.append(
                "| process | CPU (cores) | memory MiB (PSS: shared pages split between processes) |\n|---|---|---|\n");
        for (Processes.Usage u : m.usage()) {
            body.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.2f | %.0f |%n",
                            u.name(),
                            u.cores(),
                            u.rssMiB()));
        }
        double cores = Processes.Usage.total(m.usage());
        body.append(String.format(Locale.ROOT, "| **all** | **%.2f** | |%n%n", cores));
        if (perMessage && m.msgPerSecond() > 0) {
            body.append(
                    String.format(
                            Locale.ROOT,
                            "CPU per message: %.2f ms (all processes, harness included).%n%n",
                            cores * 1000 / m.msgPerSecond()));
        }
    }

    private void target(String what, boolean met, String measured) {
        targets.add(new String[] {what, measured, met ? "met" : "**not met**"});
    }

    String render(String findings) throws java.io.IOException {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmarks\n\nWritten by `deploy/local/bench.sh")
                .append(smoke ? " --smoke" : "")
                .append("` on ")
                .append(
                        ZonedDateTime.now()
                                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                .substring(0, 16))
                .append(
                        ". Do not edit by hand: run the command; the findings section comes from `loadtest/findings.md`.\n\n")
                .append("## Machine and method\n\n")
                .append(machine())
                .append(
                        "- Customers and agents are simulated in one JVM (Vert.x WebSockets, one clock). Sends follow an open model: message i is due at start + i/rate and its latency counts from that intended time, so a stalled harness or platform shows in the figures (no coordinated omission). HdrHistogram, 3 significant digits.\n")
                .append("- Every figure is the median of ")
                .append(settings.runs())
                .append(
                        " runs after a warm-up; counts of lost, doubled or out-of-order messages are the worst run's.\n")
                .append(
                        "- The whole local platform (Kafka, PostgreSQL, Keycloak, four services) runs on this machine; the harness starts two gateway replicas of its own on 8070 and 8071 with `")
                .append(String.join(" ", Replicas.BENCH_SETTINGS))
                .append(
                        "` (every simulated person comes from 127.0.0.1, so the per-address caps and the per-socket rate limit would otherwise measure the limiter).\n\n")
                .append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (String[] t : targets) {
            s.append("| ")
                    .append(t[0])
                    .append(" | ")
                    .append(t[1])
                    .append(" | ")
                    .append(t[2])
                    .append(" |\n");
        }
        if (!problems.isEmpty()) {
            s.append("\nProblems seen: ").append(String.join("; ", problems)).append(".\n");
        }
        s.append("\n").append(body);
        if (!findings.isBlank()) {
            s.append(findings.strip()).append("\n");
        }
        return s.toString();
    }

    private static String machine() throws java.io.IOException {
        String cpu = "unknown";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.exists(info)) {
            cpu =
                    Files.readAllLines(info).stream()
                            .filter(l -> l.startsWith("model name"))
                            .findFirst()
                            .map(l -> l.substring(l.indexOf(':') + 1).trim())
                            .orElse(cpu);
        }
        long memKb = 0;
        Path mem = Path.of("/proc/meminfo");
        if (Files.exists(mem)) {
            memKb =
                    Files.readAllLines(mem).stream()
                            .filter(l -> l.startsWith("MemTotal"))
                            .findFirst()
                            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                            .orElse(0L);
        }
        return String.format(
                Locale.ROOT,
                "- %d cores (%s), %.0f GiB memory, Java %s.%n",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memKb / 1048576.0,
                System.getProperty("java.version"));
    }

    static String line(Row r) {
        return String.format(
                Locale.ROOT,
                "%.0f msg/s p50 %.1f p99 %.1f max %.1f ms (stored p50 %.1f p99 %.1f; stored ->"
                        + " delivered p50 %.1f p99 %.1f), delivered %d/%d, dup %d, gaps %d,"
                        + " errors %d",
                r.msgPerSecond(),
                r.all().p50(),
                r.all().p99(),
                r.all().max(),
                r.toStored().p50(),
                r.toStored().p99(),
                r.storedToDelivery().p50(),
                r.storedToDelivery().p99(),
                r.made(),
                r.owed(),
                r.duplicates(),
                r.gaps(),
                r.errors());
    }

    private static String summaryRow(String name, Figures.Summary s) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s |%n",
                name,
                ms(s.p50()),
                ms(s.p90()),
                ms(s.p99()),
                ms(s.p999()),
                ms(s.max()));
    }

    private static String latencyRow(String name, double rate, Figures.Summary s) {
        if (s.count() == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                name,
                rate > 0 ? fmt(rate) : "",
                ms(s.p50()),
                ms(s.p90()),
                ms(s.p99()),
                ms(s.p999()),
                ms(s.max()));
    }

    static String ms(double v) {
        return v < 10
                ? String.format(Locale.ROOT, "%.1f ms", v)
                : String.format(Locale.ROOT, "%.0f ms", v);
    }

    /** "1.93; case-service 0.61, postgresql 0.48, kafka 0.30": where a step's CPU went. */
    static String busiest(List<Processes.Usage> usage) {
        return String.format(Locale.ROOT, "%.2f; ", Processes.Usage.total(usage))
                + usage.stream()
                        .sorted(
                                java.util.Comparator.comparingDouble(Processes.Usage::cores)
                                        .reversed())
                        .limit(3)
                        .map(u -> String.format(Locale.ROOT, "%s %.2f", u.name(), u.cores()))
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    static String fmt(double v) {
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
