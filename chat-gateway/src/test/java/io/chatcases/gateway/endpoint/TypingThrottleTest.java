package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One relayed typing per Case every 2 s per socket; the rest dropped. */
class TypingThrottleTest {
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    @Test
    void oneTypingPerCaseEveryTwoSeconds() {
        TypingThrottle t = new TypingThrottle();
        assertTrue(t.admit(A, 1_000));
        assertFalse(t.admit(A, 1_001));
        assertFalse(t.admit(A, 2_999));
        assertTrue(t.admit(A, 3_000));
        assertFalse(t.admit(A, 4_000));
    }

    @Test
    void eachCaseHasItsOwnAllowance() {
        TypingThrottle t = new TypingThrottle();
        assertTrue(t.admit(A, 1_000));
        assertTrue(t.admit(B, 1_001));
        assertFalse(t.admit(B, 1_500));
    }

    @Test
    void aKeystrokeStormRelaysOnePerInterval() {
        TypingThrottle t = new TypingThrottle();
        // 10 s of one keystroke every 50 ms: 5 relayed.
        long relayed = IntStream.range(0, 200).filter(i -> t.admit(A, i * 50L)).count();
        assertEquals(5, relayed);
    }

    @Test
    void manyCasesStayBoundedAndStaleOnesAreForgotten() {
        TypingThrottle t = new TypingThrottle();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(t.admit(UUID.randomUUID(), i * 10L));
        }
        // A Case admitted long ago may type again; a recent one still waits.
        assertTrue(t.admit(A, 100_000));
        assertFalse(t.admit(A, 100_001));
    }
}
