package io.chatcases.cases.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.events.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification every ingest failure goes through: refused at once, or retried. */
class IngestFailuresTest {
    @ParameterizedTest
    @CsvSource({
        // sqlstate, retried, code when refused
        "22021, false, BAD_FRAME", // NUL / bad encoding
        "22001, false, TOO_LARGE", // value too long
        "22P02, false, BAD_FRAME",
        "23503, false, BAD_FRAME", // foreign key
        "23505, false, BAD_FRAME", // another unique key than the dedup key
        "08006, true, ", // connection failure
        "40001, true, ", // serialization failure
        "40P01, true, ", // deadlock
        "53300, true, ", // too many connections
        "55P03, true, ", // lock not available
        "57P01, true, ", // admin shutdown
        "57P03, true, ", // cannot connect now
        "58030, true, ", // I/O error
        "42P01, false, UNAVAILABLE", // undefined table: a bug, refused rather than stall
        "XX000, false, UNAVAILABLE"
    })
    void sqlStatesAreClassified(String state, boolean retried, ErrorCode code) {
        IngestFailures.Verdict v = IngestFailures.bySqlState(state, "detail");
        assertEquals(retried, v.retry(), state);
        if (!retried) {
            assertEquals(code, v.code(), state);
        }
    }

    @org.junit.jupiter.api.Test
    void theDedupKeyIsRetriedSoTheStoredMessageIsReannounced() {
        assertTrue(
                IngestFailures.bySqlState(
                                "23505",
                                "duplicate key value violates unique constraint \""
                                        + IngestFailures.DEDUP_CONSTRAINT
                                        + "\"")
                        .retry());
    }

    @org.junit.jupiter.api.Test
    void connectionTroubleAnywhereInTheCauseChainIsTransient() {
        assertTrue(IngestFailures.classify(new ConnectException("refused")).retry());
        assertTrue(
                IngestFailures.classify(new CompletionException(new IOException("reset"))).retry());
        assertTrue(IngestFailures.classify(new io.smallrye.mutiny.TimeoutException()).retry());
        assertTrue(
                IngestFailures.classify(
                                new RuntimeException(
                                        new io.vertx.core.VertxException("Connection closed")))
                        .retry());
    }

    @org.junit.jupiter.api.Test
    void aPeerOutPastItsBudgetAndUnknownFailuresAreRefused() {
        IngestFailures.Verdict peer =
                IngestFailures.classify(
                        new IngestFailures.PeerUnavailable("file-service", new IOException()));
        assertFalse(peer.retry(), "the peer budget is spent: answer the sender");
        assertEquals(ErrorCode.UNAVAILABLE, peer.code());
        IngestFailures.Verdict bug = IngestFailures.classify(new NullPointerException());
        assertFalse(bug.retry());
        assertEquals(ErrorCode.UNAVAILABLE, bug.code());
    }
}
