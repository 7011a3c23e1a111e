package io.chatcases.cases.service;

import io.chatcases.cases.client.TranscriptStore;
import io.chatcases.cases.domain.ChatCase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On close, a Case's transcript is kept as a file in its Files tab (file-service). The closing
 * transaction writes a {@code transcript_export} row ({@link #schedule}); this job uploads due rows
 * and records the file's id. So a file-service outage never blocks a close: the row stays and is
 * retried with back-off (base {@code cases.transcript.retry-after}, doubling, at most 1 h), until
 * file-service answers; a permanent refusal (4xx) is recorded in {@code gave_up_at} and logged.
 *
 * <p>Exactly one file per close, with any number of replicas and retries: taking a row moves its
 * {@code next_attempt_at} forward in one UPDATE over {@code FOR UPDATE SKIP LOCKED} rows (a lease:
 * no other replica sees it as due meanwhile), and the upload carries the Idempotency-Key {@code
 * transcript-<caseId>-<throughSeq>}, so even an upload repeated after a lease ran out (or after an
 * answer was lost) gets file-service's first file back instead of a second one.
 */
@ApplicationScoped
public class TranscriptExports {
    private static final Logger LOG = Logger.getLogger(TranscriptExports.class);

    private static final String SCHEDULE =
            "INSERT INTO transcript_export (case_id, through_seq) VALUES (?1, ?2)"
                    + " ON CONFLICT DO NOTHING";
    private static final String TAKE =
            """
            UPDATE transcript_export t
               SET attempts = t.attempts + 1,
                   next_attempt_at = now() + make_interval(
                       secs => least($2 * power(2, least(t.attempts, 16)), 3600))
             WHERE (t.case_id, t.through_seq) IN (
                   SELECT case_id, through_seq FROM transcript_export
                    WHERE file_id IS NULL AND gave_up_at IS NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at
                    LIMIT $1
                      FOR UPDATE SKIP LOCKED)
            RETURNING t.case_id, t.through_seq
            """;
    private static final String STORED =
            "UPDATE transcript_export SET file_id = $3, last_error = NULL"
                    + " WHERE case_id = $1 AND through_seq = $2";
    private static final String FAILED =
            "UPDATE transcript_export SET last_error = left($3, 500),"
                    + " gave_up_at = CASE WHEN $4 THEN now() END"
                    + " WHERE case_id = $1 AND through_seq = $2";

    @Inject Pool pool;
    @Inject Transcripts transcripts;
    @Inject TranscriptStore store;

    /** First wait before a failed upload is tried again; it doubles each attempt, up to 1 h. */
    @ConfigProperty(name = "cases.transcript.retry-after", defaultValue = "PT30S")
    Duration retryAfter;

    /** How many transcripts one run uploads at most. */
    @ConfigProperty(name = "cases.transcript.batch", defaultValue = "20")
    int batch;

    /** A close that is due to be kept as a file. */
    record Due(UUID caseId, long throughSeq) {
        String idempotencyKey() {
            return "transcript-" + caseId + "-" + throughSeq;
        }
    }

    /**
     * In the closing transaction: this close's transcript (the Case's messages so far) is to be
     * kept. A replayed close of the same state adds nothing.
     */
    public Uni<Void> schedule(ChatCase c) {
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(SCHEDULE)
                                        .setParameter(1, c.id)
                                        .setParameter(2, c.lastSeq)
                                        .executeUpdate())
                .replaceWithVoid();
    }

    @Scheduled(
            every = "${cases.transcript.export-every:5s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> exportScheduled() {
        return exportDue().replaceWithVoid();
    }

    /** Uploads the transcripts that are due; returns how many were stored. */
    public Uni<Integer> exportDue() {
        return take().onItem()
                .transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem()
                .transformToUniAndConcatenate(this::export)
                .collect()
                .with(Collectors.summingInt(stored -> stored ? 1 : 0));
    }

    private Uni<List<Due>> take() {
        double baseSeconds = retryAfter.toMillis() / 1000.0;
        return pool.withTransaction(
                        conn -> conn.preparedQuery(TAKE).execute(Tuple.of(batch, baseSeconds)))
                .map(
                        rows -> {
                            List<Due> due = new ArrayList<>();
                            for (Row r : rows) {
                                due.add(new Due(r.getUUID(0), r.getLong(1)));
                            }
                            return due;
                        });
    }

    private Uni<Boolean> export(Due due) {
        return Panache.withSession(
                        () ->
                                ChatCase.<ChatCase>findById(due.caseId())
                                        .chain(c -> transcripts.build(c, due.throughSeq())))
                .chain(t -> store.store(due.caseId(), t.name(), t.text(), due.idempotencyKey()))
                .chain(fileId -> update(STORED, due, fileId))
                .replaceWith(true)
                .onFailure()
                .recoverWithUni(e -> failed(due, e).replaceWith(false));
    }

    private Uni<Void> failed(Due due, Throwable e) {
        boolean permanent = e instanceof TranscriptStore.Refused;
        LOG.warnf(
                "Transcript of Case %s (through seq %d) not stored%s: %s",
                due.caseId(),
                due.throughSeq(),
                permanent ? ", giving up" : ", will retry",
                e.toString());
        return update(FAILED, due, String.valueOf(e), permanent)
                .onFailure()
                .invoke(f -> LOG.warnf("Could not record the failure: %s", f.toString()))
                .onFailure()
                .recoverWithNull();
    }

    private Uni<Void> update(String sql, Due due, Object... more) {
        Tuple args = Tuple.of(due.caseId(), due.throughSeq());
        for (Object o : more) {
            args.addValue(o);
        }
        return pool.preparedQuery(sql).execute(args).replaceWithVoid();
    }
}
