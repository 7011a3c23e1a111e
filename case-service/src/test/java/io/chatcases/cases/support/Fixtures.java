package io.chatcases.cases.support;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.Caller;
import io.chatcases.cases.service.CaseService;
import io.chatcases.events.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.function.Supplier;

/** Builders for test data, straight through the service layer (real database). */
public final class Fixtures {
    private Fixtures() {}

    /** An agent with a stable id; not a Keycloak user (service-level tests only). */
    public static Caller agent(String name) {
        return new Caller("agent-" + name, cap(name), "Tester", false, false);
    }

    /** Starts a NEW Case for a fresh contact. */
    public static ChatCase startCase(CaseService cases) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CaseService.ContactMatch contact =
                new CaseService.ContactMatch(
                        UUID.randomUUID(),
                        "customer-" + suffix + "@example.com",
                        "Cus",
                        "Tomer",
                        "CT");
        return await(() -> cases.start(Channel.WEB_CONNECT, contact)).kase();
    }

    /** Runs a reactive call on a fresh Vert.x context and waits for it, as a request would. */
    public static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    /** One native SQL statement in its own transaction (?1, ?2 ... are the params); its count. */
    public static int execute(String sql, Object... params) {
        return await(
                () ->
                        Panache.withTransaction(
                                () ->
                                        Panache.getSession()
                                                .chain(
                                                        s -> {
                                                            var q = s.createNativeQuery(sql);
                                                            for (int i = 0;
                                                                    i < params.length;
                                                                    i++) {
                                                                q.setParameter(i + 1, params[i]);
                                                            }
                                                            return q.executeUpdate();
                                                        })));
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The count of the counter {@code name}; 0 before it was first incremented. */
    public static double counted(MeterRegistry metrics, String name) {
        Counter counter = metrics.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
