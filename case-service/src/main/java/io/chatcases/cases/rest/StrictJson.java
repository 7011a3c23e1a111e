package io.chatcases.cases.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON object naming a field twice is malformed: without this, a duplicate creator property of a
 * record body ({@code {"seq":1,"seq":2}} to {@code /cases/{id}/read}) made Jackson throw an {@code
 * InvalidDefinitionException}, answered with 500 (found by the e2e fuzzer, HostileInputIT). Now it
 * is a parse error: 400 {@code BAD_REQUEST} from {@link ProblemMapper}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
