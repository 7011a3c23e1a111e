package io.chatcases.cases.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatcases.cases.service.ApiException;
import java.util.List;

/**
 * RFC 9457 problem body; {@code code} is the protocol's error code, {@code owner} etc. in extra.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String code,
        String detail,
        List<ApiException.Violation> violations,
        Object owner) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
