package io.chatcases.files.rest;

import io.chatcases.events.Roles;
import io.chatcases.files.service.ApiException;
import io.chatcases.files.service.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads the {@link Caller} from the verified token and the gateway's headers. The headers count
 * only on a {@code service} token: the gateway strips them from everything it forwards and sets
 * them after checking a customer's own token, so an agent (or anyone) cannot act for a customer.
 */
final class Callers {
    /** The Case a service call acts for, as the customer of that Case. */
    static final String CHAT_CASE = "X-Chat-Case";

    private static final int MAX_NAME = 200;

    private Callers() {}

    /**
     * The customer's display name: the gateway sends none (the customer token carries only the
     * Case), so every customer upload is the Case's "Customer".
     */
    static final String CUSTOMER = "Customer";

    static Caller of(SecurityIdentity identity, JsonWebToken jwt, String chatCase) {
        String token = jwt.getRawToken();
        if (identity.hasRole(Roles.SERVICE)) {
            if (chatCase == null || chatCase.isBlank()) {
                return new Caller(Caller.Kind.SYSTEM, clientId(jwt), null, null, token);
            }
            UUID caseId = parseCase(chatCase.strip());
            return new Caller(Caller.Kind.CUSTOMER, "customer:" + caseId, CUSTOMER, caseId, token);
        }
        return new Caller(Caller.Kind.AGENT, jwt.getSubject(), agentName(jwt), null, token);
    }

    private static UUID parseCase(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(CHAT_CASE + " is not a Case id");
        }
    }

    private static String clientId(JsonWebToken jwt) {
        Object azp = jwt.getClaim("azp");
        if (azp != null) {
            return azp.toString();
        }
        return jwt.getSubject() == null ? "service" : jwt.getSubject();
    }

    private static String agentName(JsonWebToken jwt) {
        String full =
                Stream.of(jwt.<Object>getClaim("given_name"), jwt.<Object>getClaim("family_name"))
                        .filter(v -> v != null && !v.toString().isBlank())
                        .map(Object::toString)
                        .collect(Collectors.joining(" "));
        if (!full.isBlank()) {
            return cleanName(full);
        }
        String user = jwt.getClaim("preferred_username");
        return user == null ? jwt.getSubject() : cleanName(user);
    }

    /** A display name from a header or claim: no control characters, bounded length. */
    static String cleanName(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned =
                raw.codePoints()
                        .filter(
                                cp ->
                                        !Character.isISOControl(cp)
                                                && Character.getType(cp) != Character.FORMAT)
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString()
                        .strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.codePointCount(0, cleaned.length()) <= MAX_NAME
                ? cleaned
                : cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_NAME));
    }
}
