package io.chatcases.cases.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.cases.domain.RatingRules;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.RatingService;
import io.chatcases.cases.service.Views;
import io.chatcases.events.CaseView;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The customer's satisfaction rating, sent by the gateway (service identity only) after it checked
 * that the customer token is this Case's: no agent or admin rates for a customer.
 */
@Path("/cases/{id}/rating")
public class RatingResource {
    @Inject RatingService ratings;

    /**
     * A rating as the customer sent it. {@code score} is read as JSON so that 4.5 or "4" is refused
     * rather than rounded or converted.
     */
    public record RatingRequest(JsonNode score, String comment) {
        Integer wholeScore() {
            return score != null && score.isIntegralNumber() && score.canConvertToInt()
                    ? score.intValue()
                    : null;
        }
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Operation(
            summary =
                    "Rate a RESOLVED or CLOSED Case for its customer (gateway): 200 with the Case"
                            + " and its rating; 400 naming score (1 to 5) or comment (at most"
                            + " 1,000 characters); 404; 409 when already rated or not resolved")
    public Uni<CaseView> rate(@PathParam("id") UUID id, RatingRequest request) {
        if (request == null) {
            throw ApiException.badInput("body", "A JSON body is required.");
        }
        Integer score = request.wholeScore();
        List<Problem.Violation> violations =
                RatingRules.violations(score, RatingRules.comment(request.comment()));
        if (!violations.isEmpty()) {
            throw new ApiException(
                    400, ErrorCode.BAD_REQUEST, violations.get(0).message(), violations, null);
        }
        return ratings.rate(id, score, request.comment()).map(Views::of);
    }
}
