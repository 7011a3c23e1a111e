package io.chatcases.gateway.rest;

import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat starts per source address in fixed one-minute windows. Per replica: with N replicas behind a
 * balancer an address gets at most N times the limit, which is enough to stop a flood of Cases
 * (SmallRye Fault Tolerance's @RateLimit has no per-caller key, hence this small class).
 */
@ApplicationScoped
public class StartRateLimit {
    @Inject GatewayConfig config;

    private volatile Map<String, AtomicInteger> window = new ConcurrentHashMap<>();

    /** True when {@code address} may start another chat in this minute. */
    public boolean allow(String address) {
        return window.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet()
                <= config.chatStartsPerMinute();
    }

    @Scheduled(every = "60s")
    void nextWindow() {
        window = new ConcurrentHashMap<>();
    }
}
