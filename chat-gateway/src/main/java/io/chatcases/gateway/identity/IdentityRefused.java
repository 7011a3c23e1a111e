package io.chatcases.gateway.identity;

/**
 * Why an identity token was refused; the gateway answers 401 with {@code code}. The detail helps
 * the host site's developers; it never echoes the token.
 */
public class IdentityRefused extends Exception {
    /** The problem body's codes. */
    public enum Code {
        /** Malformed, forged, signed with another secret or another algorithm. */
        IDENTITY_INVALID,
        /** Past its exp. */
        IDENTITY_EXPIRED,
        /** The channel has no identity secret configured. */
        IDENTITY_NOT_ACCEPTED
    }

    private final Code code;

    public IdentityRefused(Code code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
