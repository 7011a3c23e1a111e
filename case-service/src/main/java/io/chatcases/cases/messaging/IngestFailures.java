package io.chatcases.cases.messaging;

import io.chatcases.events.ErrorCode;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies what went wrong while storing a send. A {@link Verdict#retry() transient} fault
 * (database or broker unreachable, timeouts, lock conflicts) is retried; everything else can never
 * succeed and is answered once with a refusal, so no record can stop the stream.
 */
public final class IngestFailures {
    /** The dedup key: a concurrent duplicate of a send; the retry finds and re-announces it. */
    static final String DEDUP_CONSTRAINT = "message_case_id_client_msg_id_key";

    private IngestFailures() {}

    /** What to do with a failure: retry it, or refuse the send with a protocol error code. */
    public record Verdict(boolean retry, ErrorCode code, String message) {
        static Verdict transientFault() {
            return new Verdict(true, null, null);
        }

        static Verdict refuse(ErrorCode code, String message) {
            return new Verdict(false, code, message);
        }
    }

    /** A peer (file-service) stayed unreachable for its whole retry budget. */
    public static final class PeerUnavailable extends RuntimeException {
        public PeerUnavailable(String peer, Throwable cause) {
            super(peer + " unavailable", cause);
        }
    }

    public static Verdict classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PeerUnavailable) {
                return Verdict.refuse(
                        ErrorCode.UNAVAILABLE, "The file could not be checked; send it again.");
            }
            String sqlState = sqlState(t);
            if (sqlState != null) {
                return bySqlState(sqlState, t.getMessage());
            }
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof io.vertx.core.VertxException
                    // Vert.x's pool and client report "Timeout", "Connection closed" this way.
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return Verdict.transientFault();
            }
        }
        return Verdict.refuse(
                ErrorCode.UNAVAILABLE, "The message could not be stored; send it again.");
    }

    /**
     * SQLSTATE classes: 22 data exception and 23 integrity violation can never succeed (except the
     * dedup key); 08 connection, 40 rollback (serialization, deadlock), 53 resources, 55 lock not
     * available, 57 operator intervention (shutdown, cannot connect now) and 58 system error are
     * the database being away or busy. Anything else is refused rather than risk a stalled stream.
     */
    static Verdict bySqlState(String state, String detail) {
        if ("23505".equals(state) && detail != null && detail.contains(DEDUP_CONSTRAINT)) {
            return Verdict.transientFault();
        }
        return switch (state.substring(0, 2)) {
            case "22" ->
                    "22001".equals(state)
                            ? Verdict.refuse(
                                    ErrorCode.TOO_LARGE, "A field of the message is too long.")
                            : Verdict.refuse(
                                    ErrorCode.BAD_FRAME,
                                    "The message contains data that cannot be stored.");
            case "23" -> Verdict.refuse(ErrorCode.BAD_FRAME, "The message breaks a storage rule.");
            case "08", "40", "53", "55", "57", "58" -> Verdict.transientFault();
            default ->
                    Verdict.refuse(
                            ErrorCode.UNAVAILABLE,
                            "The message could not be stored; send it again.");
        };
    }

    private static String sqlState(Throwable t) {
        if (t instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof org.hibernate.JDBCException jdbc) {
            return jdbc.getSQLState();
        }
        return null;
    }
}
