package io.chatcases.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** schema/ holds exactly what the records generate: the schemas cannot drift from the code. */
class SchemaFilesTest {
    static final String UPDATE =
            "schema/ differs from the Java records: run `./mvnw -o -pl chat-gateway test"
                    + " -Dui.skip=true -Dtest=SchemaFilesTest -Dschema.update=true`"
                    + " and commit schema/";

    @Test
    void committedSchemasAreTheGeneratedOnes() throws IOException {
        if (Boolean.getBoolean("schema.update")) {
            Schemas.main(new String[0]);
        }
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Schemas.DIR)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                committed.put(
                        Schemas.DIR.relativize(f).toString().replace('\\', '/'),
                        Files.readString(f));
            }
        }
        Map<String, String> generated = Schemas.all();
        assertEquals(generated.keySet(), committed.keySet(), UPDATE);
        generated.forEach(
                (file, text) -> assertEquals(text, committed.get(file), file + ": " + UPDATE));
    }
}
