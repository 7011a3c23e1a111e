package io.chatcases.loadtest;

import java.util.concurrent.locks.LockSupport;

/**
 * An open workload: message {@code i} is due at {@code start + i / rate}, whatever happened to the
 * earlier ones, and is stamped with that intended time. A harness thread that wakes late sends at
 * once with the original stamp, so a stall shows in the figures instead of thinning the load (no
 * coordinated omission).
 */
final class OpenLoop {
    private OpenLoop() {}

    /** Sends message {@code i}, intended for {@code dueNanos}. */
    interface Action {
        void send(long i, long dueNanos);
    }

    /** Runs {@code rate} messages a second for {@code seconds}; returns the actual duration. */
    static double run(double rate, double seconds, Action action) {
        long total = Math.round(rate * seconds);
        long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < total; i++) {
            long due = due(start, i, rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            action.send(i, due);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The intended send time of message {@code i}. */
    static long due(long start, long i, double rate) {
        return start + (long) (i * 1e9 / rate);
    }
}
