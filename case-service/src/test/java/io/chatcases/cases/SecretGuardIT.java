package io.chatcases.cases;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged case-service, run as production runs it (prod profile, no CX_SERVICES_SECRET),
 * refuses to start and names the setting that still holds the committed default.
 */
class SecretGuardIT {

    @Test
    void packagedCaseServiceRefusesToStartWithTheCommittedClientSecret() throws Exception {
        Path log = Files.createTempFile("case-service-secrets", ".log");
        String group = "secret-guard-it-" + UUID.randomUUID();
        List<String> cmd =
                List.of(
                        "java",
                        "-Xmx192m",
                        "-Dquarkus.profile=prod",
                        // Free port, the test database and topics, no migration, a group of its
                        // own: the run must touch nothing the local platform uses.
                        "-Dquarkus.http.port=0",
                        "-Dquarkus.management.port=0",
                        "-Dquarkus.flyway.migrate-at-start=false",
                        "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/cases_test",
                        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/cases_test",
                        "-Dmp.messaging.incoming.chat-ingest.topic=test.chat.ingest",
                        "-Dmp.messaging.incoming.chat-ingest.group.id=" + group,
                        "-Dmp.messaging.incoming.chat-ingest.dead-letter-queue.topic=test.chat.ingest.dlq",
                        "-Dmp.messaging.incoming.contact-events.topic=test.chat.contact-events",
                        "-Dmp.messaging.incoming.contact-events.group.id=" + group,
                        "-Dmp.messaging.outgoing.outbox.topic=test.chat.case-events",
                        "-jar",
                        Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        ProcessBuilder b =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().remove("CX_SERVICES_SECRET");
        b.environment().remove("QUARKUS_PROFILE");
        Process p = b.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "case-service kept running");
        String out = Files.readString(log);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(
                out.contains(
                        "quarkus.oidc-client.credentials.secret is the committed local default"),
                out);
        Files.deleteIfExists(log);
    }
}
