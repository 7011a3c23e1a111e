package io.chatcases.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway, run as production runs it (prod profile, no secrets in the environment),
 * refuses to start and names every secret setting that still holds a committed default.
 */
class SecretGuardIT {

    @Test
    void packagedGatewayRefusesToStartWithTheCommittedSecrets() throws Exception {
        Path log = Files.createTempFile("gateway-secrets", ".log");
        Process p = start(log, "-Dquarkus.profile=prod");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the gateway kept running");
        String out = Files.readString(log);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(
                out.contains("gateway.customer-token.secret is the committed local default"), out);
        assertTrue(
                out.contains(
                        "quarkus.oidc-client.credentials.secret is the committed local default"),
                out);
    }

    @Test
    void aShortSecretFromTheEnvironmentIsRefusedToo() throws Exception {
        Path log = Files.createTempFile("gateway-secrets", ".log");
        ProcessBuilder b = builder(log, "-Dquarkus.profile=prod");
        b.environment().put("CUSTOMER_TOKEN_SECRET", "too-short");
        Process p = b.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the gateway kept running");
        String out = Files.readString(log);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("gateway.customer-token.secret is shorter than 32 bytes"), out);
        assertFalse(out.contains("too-short"), "the message must not print the secret");
    }

    private static Process start(Path log, String... settings) throws Exception {
        return builder(log, settings).start();
    }

    private static ProcessBuilder builder(Path log, String... settings) {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(
                                "java",
                                "-Xmx192m",
                                // Free ports, the test database and no migration: the run must
                                // touch nothing the local platform uses.
                                "-Dquarkus.http.port=0",
                                "-Dquarkus.management.port=0",
                                "-Dquarkus.flyway.migrate-at-start=false",
                                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/chat_gateway_test",
                                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/chat_gateway_test"));
        cmd.addAll(List.of(settings));
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder b =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().remove("CUSTOMER_TOKEN_SECRET");
        b.environment().remove("CX_SERVICES_SECRET");
        b.environment().remove("QUARKUS_PROFILE");
        return b;
    }
}
