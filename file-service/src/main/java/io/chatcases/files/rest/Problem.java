package io.chatcases.files.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem body; {@code code} is the protocol's error code. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
