package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.CaseStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared table docs/tile-rules.json, which the console's tests read too. */
class TileRulesTest {

    static Stream<Arguments> table() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Path.of("../docs/tile-rules.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        root.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void tileFollowsTheSharedTable(String name, JsonNode c) {
        TileRules.CaseState state =
                new TileRules.CaseState(
                        CaseStatus.valueOf(c.get("status").asText()),
                        c.get("owner").isNull() ? null : c.get("owner").asText(),
                        c.get("lastCustomerSeq").asLong());
        Optional<TileRules.Tile> tile =
                TileRules.tile(
                        state,
                        c.get("agent").asText(),
                        c.get("readSeq").asLong(),
                        c.get("accessing").asBoolean());
        JsonNode expected = c.get("tile");
        Optional<TileRules.Tile> want =
                expected.isNull()
                        ? Optional.empty()
                        : Optional.of(
                                new TileRules.Tile(
                                        expected.get("color").asText(),
                                        expected.get("unread").asBoolean(),
                                        expected.get("badge").asBoolean(),
                                        expected.get("solid").asBoolean()));
        assertEquals(want, tile, name);
    }
}
