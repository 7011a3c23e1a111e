package io.chatcases.files.client;

import io.chatcases.files.config.FilesConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * {@link CaseAccess} by asking case-service. Timeout: {@code files.case-service.timeout} (2 s),
 * also the client's read timeout. No retry: the agent's click is waiting, and a second try would
 * double the wait on an overloaded case-service. No fallback: without an answer nobody gets a file
 * (fail closed), the caller sees 503 and may try again.
 */
@ApplicationScoped
public class RestCaseAccess implements CaseAccess {
    private static final Logger LOG = Logger.getLogger(RestCaseAccess.class);

    @Inject @RestClient CaseApi api;
    @Inject FilesConfig config;

    @Override
    public Uni<Decision> check(UUID caseId, String bearerToken) {
        return Uni.createFrom()
                .deferred(
                        () -> {
                            Uni<Decision> decision =
                                    api.get(caseId, "Bearer " + bearerToken)
                                            .ifNoItem()
                                            .after(config.caseService().timeout())
                                            .fail()
                                            .map(
                                                    response -> {
                                                        int status = response.getStatus();
                                                        response.close();
                                                        return decide(status, caseId);
                                                    })
                                            .onFailure()
                                            .recoverWithItem(failure -> decide(failure, caseId));
                            return backOnCallersContext(decision);
                        });
    }

    /**
     * The client resumes error answers (4xx/5xx become exceptions) on a worker thread; the caller
     * continues with Hibernate Reactive, whose session belongs to the caller's Vert.x context.
     */
    private static <T> Uni<T> backOnCallersContext(Uni<T> uni) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return uni;
        }
        return uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static Decision decide(Throwable failure, UUID caseId) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            return decide(web.getResponse().getStatus(), caseId);
        }
        LOG.warnf("case-service did not answer for Case %s: %s", caseId, failure.toString());
        return Decision.UNAVAILABLE;
    }

    static Decision decide(int status, UUID caseId) {
        if (status >= 200 && status < 300) {
            return Decision.ALLOWED;
        }
        if (status == Response.Status.NOT_FOUND.getStatusCode()) {
            return Decision.NOT_FOUND;
        }
        if (status >= 500) {
            LOG.warnf("case-service answered %d for Case %s", status, caseId);
            return Decision.UNAVAILABLE;
        }
        // 403, and 401/400 too: case-service refused this token for this Case; never a "yes".
        return Decision.FORBIDDEN;
    }
}
