package io.chatcases.e2e;

import io.chatcases.testing.TcpProxy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A private copy of the platform for fault injection, so that crashing a broker or a database never
 * touches the local run: its own PostgreSQL cluster ({@code initdb}/{@code pg_ctl} on port 15432),
 * its own Kafka broker (19092), the three services and two gateway replicas from their built jars,
 * and a {@link TcpProxy} on every path a fault may break: services to Kafka, each service to its
 * database, case-service and the gateways to contact-service and file-service. Only Keycloak (read
 * only: token checks) is shared with the local run.
 */
final class Lab implements AutoCloseable {
    static final int PG = 15432;
    static final int KAFKA = 19092;
    static final int KAFKA_CONTROLLER = 19093;
    static final int GATEWAY_A = 18080;
    static final int GATEWAY_B = 18090;
    static final int CASES = 18081;
    static final int CONTACTS = 18082;
    static final int FILES = 18083;
    static final Map<String, Integer> TOPICS =
            Map.of(
                    "chat.ingest", 6,
                    "chat.case-events", 6,
                    "chat.signals", 6,
                    "chat.contact-events", 3,
                    "chat.ingest.dlq", 1);

    final Path dir = Platform.ROOT.resolve("e2e-tests/target/lab");

    /** PostgreSQL's data must belong to the postgres user, who may not enter the checkout. */
    final Path pgDir = Path.of("/tmp/chatcases-lab-pg");

    /** Everything that talks to Kafka goes through this proxy: the broker advertises it. */
    final TcpProxy kafkaLink = TcpProxy.start("127.0.0.1", KAFKA, TcpProxy.freePort());

    final TcpProxy contactsLink = TcpProxy.start("127.0.0.1", CONTACTS);
    final TcpProxy filesLink = TcpProxy.start("127.0.0.1", FILES);
    final Map<String, TcpProxy> databaseLinks = new LinkedHashMap<>();
    final Map<String, Service> services = new LinkedHashMap<>();
    Process kafka;

    /** One service process: how to start it again after a crash. */
    final class Service {
        final String name;
        final String module;
        final int port;
        final List<String> settings;
        final Map<String, String> env;
        Process process;

        Service(
                String name,
                String module,
                int port,
                List<String> settings,
                Map<String, String> env) {
            this.name = name;
            this.module = module;
            this.port = port;
            this.settings = settings;
            this.env = env;
        }

        void start() {
            List<String> cmd =
                    new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            cmd.add("-Dquarkus.http.port=" + port);
            cmd.add("-Dquarkus.management.port=" + (port + 200));
            cmd.addAll(settings);
            cmd.add("-jar");
            cmd.add(
                    Platform.ROOT
                            .resolve(module + "/target/quarkus-app/quarkus-run.jar")
                            .toString());
            process = launch(cmd, name, env);
        }

        /** kill -9: no shutdown hook, no flush, as a crashed pod. */
        void crash() {
            Platform.kill(process);
        }

        /** As an orchestrator's probe sees it: 200 within 2 s, or not ready. */
        boolean ready() {
            try {
                return Platform.HTTP
                                .send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        java.net.URI.create(
                                                                "http://127.0.0.1:"
                                                                        + port
                                                                        + "/q/health/ready"))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException down) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void awaitReady(Duration timeout) {
            await(
                    name + " ready",
                    timeout,
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited; see " + log(name));
                        }
                        return ready();
                    });
        }
    }

    Lab() {
        try {
            sweepLeftovers();
            deleteTree(dir); // logs and data of an earlier run
            Files.createDirectories(dir);
            startPostgres();
            startKafka();
            createTopics();
            Map<String, String> secrets = Platform.localSecrets();
            String kafkaAt = "-Dkafka.bootstrap.servers=127.0.0.1:" + kafkaLink.port();
            add(
                    "contact-service",
                    "contact-service",
                    CONTACTS,
                    "contacts",
                    List.of(kafkaAt),
                    secrets);
            add(
                    "case-service",
                    "case-service",
                    CASES,
                    "cases",
                    List.of(
                            kafkaAt,
                            "-Dquarkus.rest-client.contact-service.url=http://127.0.0.1:"
                                    + contactsLink.port(),
                            "-Dquarkus.rest-client.file-service.url=http://127.0.0.1:"
                                    + filesLink.port(),
                            // Unmatched chats are matched again every 5 s, not 30 s.
                            "-Dcases.match-retry=5s"),
                    secrets);
            Map<String, String> fileEnv = new LinkedHashMap<>(secrets);
            fileEnv.put("CASE_SERVICE_URL", "http://127.0.0.1:" + CASES);
            fileEnv.put("FILES_LOCAL_ROOT", dir.resolve("files").toString());
            add("file-service", "file-service", FILES, "files", List.of(kafkaAt), fileEnv);
            for (int port : List.of(GATEWAY_A, GATEWAY_B)) {
                add(
                        "gateway-" + port,
                        "chat-gateway",
                        port,
                        "chat_gateway",
                        List.of(
                                kafkaAt,
                                "-Dgateway.upstreams.case-service=http://127.0.0.1:" + CASES,
                                "-Dgateway.upstreams.contact-service=http://127.0.0.1:"
                                        + contactsLink.port(),
                                "-Dgateway.upstreams.file-service=http://127.0.0.1:"
                                        + filesLink.port(),
                                // Every simulated client is 127.0.0.1.
                                "-Dgateway.chat-starts-per-minute=100000",
                                "-Dgateway.limits.sockets-per-address=100000"),
                        secrets);
            }
            // One at a time: two cores, and Flyway of the two gateways would race otherwise.
            for (Service s : services.values()) {
                s.start();
                s.awaitReady(Duration.ofSeconds(120));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** A lab an aborted run left behind (its processes outlive the test JVM). */
    private void sweepLeftovers() {
        for (String pattern : List.of("target/lab/kafka.properties", "quarkus.http.port=180[89]")) {
            try {
                new ProcessBuilder("pkill", "-9", "-f", pattern).start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Files.exists(pgDir.resolve("data/postmaster.pid"))) {
            crashPostgres();
        }
    }

    Service service(String name) {
        return services.get(name);
    }

    Service gateway(int port) {
        return services.get("gateway-" + port);
    }

    private void add(
            String name,
            String module,
            int port,
            String db,
            List<String> extra,
            Map<String, String> env) {
        TcpProxy link = databaseLinks.computeIfAbsent(name, n -> TcpProxy.start("127.0.0.1", PG));
        List<String> settings = new ArrayList<>(extra);
        settings.add(
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:"
                        + link.port()
                        + "/"
                        + db);
        settings.add(
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:"
                        + link.port()
                        + "/"
                        + db);
        services.put(name, new Service(name, module, port, settings, env));
    }

    // ------------------------------------------------------------------------------ PostgreSQL

    private void startPostgres() {
        deleteTree(pgDir);
        Path bin = postgresBin();
        run(List.of("mkdir", "-p", pgDir.toString()));
        run(List.of("chown", "postgres", pgDir.toString()));
        run(
                asPostgres(
                        bin.resolve("initdb").toString(),
                        "-D",
                        pgDir.resolve("data").toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--no-sync"));
        startPostgresServer();
        StringBuilder sql = new StringBuilder();
        for (String app : List.of("contacts", "cases", "files", "chat_gateway")) {
            sql.append("CREATE ROLE ")
                    .append(app)
                    .append(" LOGIN PASSWORD '")
                    .append(app)
                    .append("';");
        }
        psql("-v", "ON_ERROR_STOP=1", "-c", sql.toString());
        for (String app : List.of("contacts", "cases", "files", "chat_gateway")) {
            psql("-c", "CREATE DATABASE " + app + " OWNER " + app);
        }
    }

    private static void psql(String... args) {
        List<String> cmd =
                new ArrayList<>(
                        List.of("psql", "-h", "127.0.0.1", "-p", "" + PG, "-U", "postgres"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    /** pg_ctl start: waits until the server accepts connections (after crash recovery). */
    void startPostgresServer() {
        run(
                asPostgres(
                        postgresBin().resolve("pg_ctl").toString(),
                        "-D",
                        pgDir.resolve("data").toString(),
                        "-l",
                        pgDir.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p "
                                + PG
                                + " -k "
                                + pgDir
                                + " -c listen_addresses=127.0.0.1"
                                + " -c max_connections=300",
                        "start"));
    }

    /** pg_ctl stop -m immediate: every backend killed at once, no checkpoint; recovery at start. */
    void crashPostgres() {
        run(
                asPostgres(
                        postgresBin().resolve("pg_ctl").toString(),
                        "-D",
                        pgDir.resolve("data").toString(),
                        "-m",
                        "immediate",
                        "stop"));
    }

    private static List<String> asPostgres(String... cmd) {
        List<String> out = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(cmd));
        return out;
    }

    private static Path postgresBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(
                            () -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------ Kafka

    private void startKafka() {
        Path data = dir.resolve("kafka-data");
        Path props = dir.resolve("kafka.properties");
        String text =
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + KAFKA_CONTROLLER,
                        "controller.listener.names=CONTROLLER",
                        "listeners=PLAINTEXT://127.0.0.1:"
                                + KAFKA
                                + ",CONTROLLER://127.0.0.1:"
                                + KAFKA_CONTROLLER,
                        // Clients learn the proxy's address, so every byte they exchange with the
                        // broker crosses it.
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaLink.port(),
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + data,
                        "num.partitions=1",
                        "auto.create.topics.enable=false",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=6",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "default.replication.factor=1",
                        "min.insync.replicas=1",
                        "group.initial.rebalance.delay.ms=0",
                        "");
        try {
            Files.writeString(props, text);
            Files.writeString(
                    dir.resolve("kafka-log4j2.properties"),
                    "appender.out.type=Console\nappender.out.name=out\n"
                            + "appender.out.layout.type=PatternLayout\n"
                            + "appender.out.layout.pattern=[%d] %p %m (%c)%n\n"
                            + "rootLogger.level=INFO\nrootLogger.appenderRef.out.ref=out\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(
                kafkaCommand(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        props.toString(),
                        "--ignore-formatted"));
        startBroker();
    }

    /**
     * Starts the broker on its existing data and returns once it serves requests. After a kill -9
     * that takes a while of Kafka's own: log recovery, and the controller refuses the new
     * incarnation until the dead one's session ({@code broker.session.timeout.ms}, 9 s) expires.
     */
    void startBroker() {
        kafka =
                launch(
                        kafkaCommand("kafka.Kafka", dir.resolve("kafka.properties").toString()),
                        "kafka",
                        Map.of());
        await("Kafka serving", Duration.ofSeconds(90), this::brokerServing);
    }

    private boolean brokerServing() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaLink.port());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(p)) {
            var names = admin.listTopics().names().get(2, java.util.concurrent.TimeUnit.SECONDS);
            if (!names.contains("chat.ingest")) {
                return true; // a fresh broker answers: the topics come next
            }
            return admin
                    .describeTopics(List.of("chat.ingest"))
                    .allTopicNames()
                    .get(2, java.util.concurrent.TimeUnit.SECONDS)
                    .get("chat.ingest")
                    .partitions()
                    .stream()
                    .allMatch(part -> part.leader() != null && !part.leader().isEmpty());
        } catch (Exception notYet) {
            return false;
        }
    }

    /** kill -9 the broker. */
    void crashBroker() {
        Platform.kill(kafka);
    }

    /** SIGSTOP / SIGCONT: the broker freezes with every connection open, as in a long GC pause. */
    void pauseBroker(boolean paused) {
        run(List.of("kill", paused ? "-STOP" : "-CONT", "" + kafka.pid()));
    }

    private List<String> kafkaCommand(String main, String... args) {
        String state = System.getenv("STATE_DIR");
        Path libs =
                (state == null || state.isBlank()
                                ? Platform.ROOT.resolve("deploy/local/.state")
                                : Path.of(state))
                        .resolve("kafka/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(
                    libs + " is missing: deploy/local/infra.sh start kafka fetches it");
        }
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "java",
                                "-Xms128m",
                                "-Xmx512m",
                                "-Dlog4j2.configurationFile="
                                        + dir.resolve("kafka-log4j2.properties"),
                                "-cp",
                                libs + "/*",
                                main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void createTopics() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaLink.port());
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            TOPICS.forEach((name, parts) -> topics.add(new NewTopic(name, parts, (short) 1)));
            admin.createTopics(topics).all().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("topics not created", e);
        }
    }

    // ------------------------------------------------------------------------------ processes

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private Process launch(List<String> cmd, String name, Map<String, String> env) {
        try {
            File log = log(name).toFile();
            ProcessBuilder b =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            b.environment().putAll(env);
            return b.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Ws.sleep(200);
        }
    }

    private static void deleteTree(Path p) {
        if (Files.exists(p)) {
            run(List.of("rm", "-rf", p.toString()));
        }
    }

    @Override
    public void close() {
        services.values()
                .forEach(
                        s -> {
                            if (s.process != null) {
                                s.crash();
                            }
                        });
        if (kafka != null) {
            kafka.destroy();
            try {
                if (!kafka.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    Platform.kill(kafka);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            crashPostgres(); // the lab's data is disposable: no checkpoint needed
        } catch (IllegalStateException notRunning) {
            // never started, or already stopped
        }
        kafkaLink.close();
        contactsLink.close();
        filesLink.close();
        databaseLinks.values().forEach(TcpProxy::close);
    }
}
