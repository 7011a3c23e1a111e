package io.chatcases.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.deploy.Manifests.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests agree with the code and the build: topics, images, the realm, the secrets list. */
class RepositoryTest {

    /** Topic names in chat-events' Topics and in the services' (non-test) channel settings. */
    static Set<String> topicsInCode() throws IOException {
        Set<String> topics = new TreeSet<>();
        Matcher m =
                Pattern.compile("\"([a-z][a-z0-9.-]+)\";")
                        .matcher(
                                Repo.read(
                                        Repo.ROOT.resolve(
                                                "chat-events/src/main/java/io/chatcases/events/Topics.java")));
        while (m.find()) {
            topics.add(m.group(1));
        }
        Pattern prop = Pattern.compile("^mp\\.messaging\\.[^=]*topic=(.+)$", Pattern.MULTILINE);
        try (Stream<Path> files = Files.list(Repo.ROOT)) {
            for (Path module : files.filter(Files::isDirectory).toList()) {
                Path props = module.resolve("src/main/resources/application.properties");
                if (Files.exists(props)) {
                    Matcher p = prop.matcher(Repo.read(props));
                    while (p.find()) {
                        topics.add(p.group(1).trim());
                    }
                }
            }
        }
        return topics;
    }

    /** Partitions per topic as deploy/local/infra.sh creates them ("name partitions [config]"). */
    static Map<String, Integer> topicsInLocalRun() {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m =
                Pattern.compile("\"(chat\\.[a-z.-]+) (\\d+)")
                        .matcher(Repo.read(Repo.ROOT.resolve("deploy/local/infra.sh")));
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    @Test
    void everyTopicTheCodeUsesHasAKafkaTopicPartitionedAsLocally() throws IOException {
        for (String overlay : List.of("dev", "prod")) {
            Map<String, Integer> declared = CustomResources.topics(OverlaysTest.overlay(overlay));
            Set<String> used = topicsInCode();
            assertTrue(used.size() >= 5, "found only " + used);
            for (String t : used) {
                assertTrue(declared.containsKey(t), overlay + ": no KafkaTopic for " + t);
            }
            assertEquals(
                    topicsInLocalRun(), declared, overlay + ": partitions differ from infra.sh");
        }
    }

    @Test
    void kustomizeImagesAreThePomImages() {
        String pom = Repo.read(Repo.ROOT.resolve("pom.xml"));
        String registry = tag(pom, "quarkus.container-image.registry");
        String group = tag(pom, "quarkus.container-image.group");
        String version =
                Pattern.compile("<artifactId>chat-cases-parent</artifactId>\\s*<version>([^<]+)")
                        .matcher(pom)
                        .results()
                        .findFirst()
                        .orElseThrow()
                        .group(1);
        assertEquals("${project.version}", tag(pom, "quarkus.container-image.tag"));
        JsonNode k = Manifests.trees(Repo.read(Repo.K8S.resolve("base/kustomization.yaml"))).get(0);
        Set<String> names = new TreeSet<>();
        k.path("images")
                .forEach(
                        i -> {
                            names.add(i.path("name").asText());
                            assertEquals(
                                    registry + "/" + group + "/" + i.path("name").asText(),
                                    i.path("newName").asText());
                            assertEquals(version, i.path("newTag").asText());
                        });
        assertEquals(
                Set.of("chat-gateway", "case-service", "contact-service", "file-service"), names);
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</").matcher(xml);
        assertTrue(m.find(), name + " missing in the parent pom");
        return m.group(1);
    }

    @Test
    void realmImportIsTheProductionRealmFile() throws IOException {
        JsonNode json =
                new ObjectMapper()
                        .readTree(Repo.read(Repo.K8S.resolve("keycloak/realm-cx-prod.json")));
        Doc imp =
                OverlaysTest.overlay("prod").stream()
                        .filter(d -> d.kind().equals("KeycloakRealmImport"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                json,
                imp.node().path("spec").path("realm"),
                "run deploy/k8s/keycloak/render-realm-import.sh after changing realm-cx-prod.json");
        assertTrue(
                Repo.read(Repo.K8S.resolve("base/infra/keycloak-realm-import.yaml"))
                        .contains("# GENERATED by deploy/k8s/keycloak/render-realm-import.sh"));
    }

    @Test
    void documentedSecretsAreListedWithTheirKeys() {
        var secrets = OverlaysTest.documented();
        assertTrue(secrets.size() >= 5, "docs/operations.md lists " + secrets);
        secrets.forEach(s -> assertFalse(s.keys().isEmpty(), s.name() + " lists no keys"));
    }
}
