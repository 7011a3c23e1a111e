package io.chatcases.outbox;

import io.chatcases.events.CloudEventHeaders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Runs this service's {@link OutboxRelay} to the Kafka channel {@value #CHANNEL} (its topic and
 * producer settings are in the service's application.properties): woken by the NOTIFY each commit
 * that wrote rows sends, by a sweeper every {@code outbox.sweep-interval}, and purging published
 * rows older than {@code outbox.retention}.
 */
@ApplicationScoped
public class OutboxRunner {
    /** The outgoing channel every service using the outbox configures. */
    public static final String CHANNEL = "outbox";

    /** The NOTIFY channel of the outbox_event_notify trigger. */
    static final String NOTIFY_CHANNEL = "outbox_event";

    private static final Logger LOG = Logger.getLogger(OutboxRunner.class);

    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final String source;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final MutinyEmitter<String> emitter;
    private final Pool pool;
    private PgSubscriber subscriber;

    OutboxRunner(
            Vertx vertx,
            OutboxConfig config,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                    MutinyEmitter<String> emitter,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.config = config;
        this.emitter = emitter;
        this.source = source;
        this.url = url;
        this.user = user;
        this.password = password;
        // A pool of the relay's own: when the service's pool is saturated (a claim storm holds its
        // connections on one row's lock), commits must still reach the topic at once.
        this.pool =
                PgBuilder.pool()
                        .with(new PoolOptions().setMaxSize(config.poolSize()).setName("outbox"))
                        .connectingTo(connectOptions())
                        .using(vertx)
                        .build();
        this.relay = new OutboxRelay(pool, this::send, config.batchSize(), config.publishTimeout());
    }

    private PgConnectOptions connectOptions() {
        PgConnectOptions options =
                PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }

    void listen(@Observes StartupEvent start) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions());
        // Reconnect for ever, once a second; the sweeper covers the gap.
        subscriber.reconnectPolicy(retries -> 1000L);
        subscriber
                .channel(NOTIFY_CHANNEL)
                .handler(payload -> relay.wake())
                .subscribeHandler(relay::wake);
        subscriber
                .connect()
                .subscribe()
                .with(
                        ok -> LOG.debug("outbox relay listens for commits"),
                        failure ->
                                LOG.warnf(
                                        "outbox relay cannot listen (the sweeper publishes): %s",
                                        failure.toString()));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
        pool.closeAndAwait();
    }

    @Scheduled(
            identity = "outbox-sweep",
            every = "${outbox.sweep-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before start-up has finished: the Kafka emitter is wired during start-up.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relay.wake();
    }

    @Scheduled(
            identity = "outbox-purge",
            every = "${outbox.purge-interval:10m}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return relay.purgeBefore(Instant.now().minus(config.retention()))
                .invoke(n -> LOG.debugf("purged %d published outbox rows", n))
                .replaceWithVoid();
    }

    private Uni<Void> send(OutboxRelay.Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, row.id().toString());
        header(headers, CloudEventHeaders.TYPE, row.type());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.SUBJECT, row.aggregateId().toString());
        header(
                headers,
                CloudEventHeaders.TIME,
                row.createdAt().format(DateTimeFormatter.ISO_INSTANT));
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return emitter.sendMessage(
                Message.of(row.payload())
                        .addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(row.aggregateId().toString())
                                        .withHeaders(headers)
                                        .build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
