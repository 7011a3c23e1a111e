package io.chatcases.files.service;

import io.chatcases.files.client.CaseAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The one rule for every file operation: may this caller touch this Case's files? Customers (via
 * the gateway) only their own Case; the system everything; agents whatever case-service says they
 * may see, asked with their own token so case-service applies its own rules.
 */
@ApplicationScoped
public class FileAccess {
    @Inject CaseAccess cases;

    public Uni<Void> authorise(Caller caller, UUID caseId) {
        return switch (caller.kind()) {
            case SYSTEM -> Uni.createFrom().voidItem();
            case CUSTOMER ->
                    caseId.equals(caller.actingFor())
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom()
                                    .failure(
                                            ApiException.forbidden(
                                                    "A customer may only touch the files of their own Case"));
            case AGENT ->
                    cases.check(caseId, caller.bearerToken())
                            .map(decision -> verdict(decision, caseId));
        };
    }

    private static Void verdict(CaseAccess.Decision decision, UUID caseId) {
        return switch (decision) {
            case ALLOWED -> null;
            case FORBIDDEN ->
                    throw ApiException.forbidden("Case " + caseId + " is another agent's");
            case NOT_FOUND -> throw ApiException.notFound("No Case " + caseId);
            case UNAVAILABLE ->
                    throw ApiException.unavailable(
                            "case-service could not confirm access to Case " + caseId);
        };
    }
}
