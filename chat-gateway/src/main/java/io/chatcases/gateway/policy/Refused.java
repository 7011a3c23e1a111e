package io.chatcases.gateway.policy;

import io.chatcases.events.ErrorCode;

/** A refusal decided by the gateway itself, answered with an error frame of its code. */
public class Refused extends RuntimeException {
    private final ErrorCode code;

    public Refused(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
