package io.chatcases.gateway.endpoint;

/** A token bucket per connection: {@code burst} frames at once, {@code perSecond} sustained. */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
