package io.chatcases.cases.client;

import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.CaseService.ContactMatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Matches a chat's email to a Contact. A chat must start even when contact-service is down: after a
 * short timeout and one retry it starts with the entered names, unmatched (contact id null), and
 * {@code Housekeeping.matchUnmatched} (a scheduled job) matches it later.
 */
@ApplicationScoped
public class ContactMatcher {
    private static final Logger LOG = Logger.getLogger(ContactMatcher.class);

    @RestClient ContactApi api;

    // 2 s covers a cold contact-service; one retry rides over a restart blip. A customer waits at
    // most ~4.5 s for the form to answer before the fallback starts the chat anyway.
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = ApiException.class)
    @Fallback(fallbackMethod = "unmatched", skipOn = ApiException.class)
    public Uni<ContactMatch> match(String email, String firstName, String lastName) {
        return api.match(new ContactApi.MatchRequest(email, firstName, lastName))
                .map(
                        c ->
                                new ContactMatch(
                                        c.id(),
                                        c.email(),
                                        c.firstName(),
                                        c.lastName(),
                                        c.initials()))
                .onFailure(ContactMatcher::refusedInput)
                .transform(ContactMatcher::asBadInput);
    }

    /** contact-service said the input is wrong (4xx): the customer must correct it, no fallback. */
    private static boolean refusedInput(Throwable e) {
        return e instanceof WebApplicationException w
                && w.getResponse().getStatus() >= 400
                && w.getResponse().getStatus() < 500
                && w.getResponse().getStatus() != 401
                && w.getResponse().getStatus() != 403;
    }

    private static ApiException asBadInput(Throwable e) {
        return ApiException.badInput("email", "The email address is not valid.");
    }

    /** Without contact-service: the entered names, initials shown as "?" until matched. */
    Uni<ContactMatch> unmatched(String email, String firstName, String lastName) {
        LOG.warnf("contact-service unavailable; starting the chat unmatched");
        return Uni.createFrom()
                .item(new ContactMatch(null, simpleNormal(email), firstName, lastName, "?"));
    }

    /**
     * contact-service owns email normalisation; while it is down the open-Case key uses this
     * approximation (trim, lower-case), replaced by the normalised address once matched.
     */
    static String simpleNormal(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
