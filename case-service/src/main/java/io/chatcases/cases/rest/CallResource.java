package io.chatcases.cases.rest;

import io.chatcases.cases.domain.CallLog;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.CallService;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The gateways report calls of Support SDK Cases here (service identity only): the call log of the
 * conversation (domain/CallLog). Idempotent: a repeated report answers the call as it stands.
 */
@Path("/cases/{id}/calls")
public class CallResource {
    @Inject CallService calls;

    /** The protocol's callId: 1 to 48 letters, digits, '.', '_', ':' or '-'. */
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,47}");

    /**
     * A step of a call: OFFERED (with media audio|video), STARTED (the customer's answer was
     * relayed) or ENDED (with an optional reason, the protocol's call.end reasons).
     */
    public record CallReport(String event, String media, String reason) {}

    @POST
    @Path("/{callId}")
    @RolesAllowed(Roles.SERVICE)
    @Operation(
            summary =
                    "Report a call's step (gateway): OFFERED records it (409 unless the Case is an"
                            + " owned READY Support SDK Case), STARTED and ENDED log it once (404"
                            + " for a call never offered)")
    public Uni<CallService.CallView> report(
            @PathParam("id") UUID id, @PathParam("callId") String callId, CallReport report) {
        if (!CALL_ID.matcher(callId).matches()) {
            throw ApiException.badInput(
                    "callId", "callId is 1 to 48 letters, digits, '.', '_', ':' or '-'.");
        }
        if (report == null) {
            throw ApiException.badInput("body", "A JSON body is required.");
        }
        CallLog.Event event;
        try {
            event = CallLog.Event.valueOf(String.valueOf(report.event()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("event", "event is OFFERED, STARTED or ENDED.");
        }
        if (event == CallLog.Event.OFFERED && !CallLog.MEDIA.contains(report.media())) {
            throw ApiException.badInput("media", "media is audio or video.");
        }
        if (report.reason() != null && !CallLog.REASONS.contains(report.reason())) {
            throw ApiException.badInput(
                    "reason", "reason is hangup, declined, unavailable, disconnected or failed.");
        }
        return calls.report(
                id,
                callId,
                event,
                event == CallLog.Event.OFFERED ? report.media() : null,
                event == CallLog.Event.ENDED ? report.reason() : null);
    }
}
