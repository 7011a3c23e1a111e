package io.chatcases.events;

/**
 * Every error code a client or a service can receive: the {@code code} of an {@code error} frame,
 * of a refused send ({@link CaseEvent.Rejection}) and of every problem+json body (problem+json).
 */
public enum ErrorCode {
    /** Malformed JSON, unknown frame type, missing field, a binary frame. */
    BAD_FRAME,
    /** A REST body or parameter failed validation; {@code violations} names the fields. */
    BAD_REQUEST,
    /** Text over the limit, a file over the size limit. */
    TOO_LARGE,
    RATE_LIMITED,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    /** Someone else claimed the Case first; the problem's {@code owner} names them. */
    ALREADY_CLAIMED,
    /** The request conflicts with the current state (e.g. resolving a Case that is not READY). */
    CONFLICT,
    CASE_CLOSED,
    /** A Quick Reply shortcut is in use. */
    SHORTCUT_TAKEN,
    /** A file type the platform refuses. */
    UNSUPPORTED_TYPE,
    /** The Case holds as many file bytes as it may. */
    QUOTA_EXCEEDED,
    RANGE_NOT_SATISFIABLE,
    /**
     * contact-service: the email address belongs to another Contact ({@code contactId} names it).
     */
    EMAIL_TAKEN,
    /** contact-service: the external id belongs to another Contact. */
    EXTERNAL_ID_TAKEN,
    /** The start's identity token is malformed, forged or signed with another key. */
    IDENTITY_INVALID,
    /** The start's identity token is past its {@code exp}. */
    IDENTITY_EXPIRED,
    /** The channel accepts no identity tokens (no secret configured). */
    IDENTITY_NOT_ACCEPTED,
    /** JAX-RS: the path exists, the method does not (the answer carries {@code Allow}). */
    METHOD_NOT_ALLOWED,
    /** JAX-RS: no representation matches the request's {@code Accept}. */
    NOT_ACCEPTABLE,
    /** JAX-RS: the request's {@code Content-Type} is not one the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE,
    /** Not done; retry (a send: resend with the same clientMsgId). */
    UNAVAILABLE,
    INTERNAL
}
