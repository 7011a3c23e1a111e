package io.chatcases.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with kubectl kustomize and parses its documents. */
final class Manifests {

    /** The built-in kinds the manifests may use, parsed strictly with the fabric8 model. */
    static final Map<String, Class<? extends HasMetadata>> TYPED =
            Map.of(
                    "v1/Namespace", Namespace.class,
                    "v1/ConfigMap", ConfigMap.class,
                    "v1/Secret", Secret.class,
                    "v1/Service", Service.class,
                    "v1/ServiceAccount", ServiceAccount.class,
                    "apps/v1/Deployment", Deployment.class,
                    "networking.k8s.io/v1/Ingress", Ingress.class,
                    "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
                    "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
                    "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /** Operator resources (CRDs), checked structurally by {@link CustomResources}. */
    static final List<String> CUSTOM =
            List.of(
                    "kafka.strimzi.io/v1beta2/Kafka",
                    "kafka.strimzi.io/v1beta2/KafkaNodePool",
                    "kafka.strimzi.io/v1beta2/KafkaTopic",
                    "postgresql.cnpg.io/v1/Cluster",
                    "postgresql.cnpg.io/v1/Database",
                    "postgresql.cnpg.io/v1/ScheduledBackup",
                    "k8s.keycloak.org/v2alpha1/Keycloak",
                    "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
                    "monitoring.coreos.com/v1/PrometheusRule");

    /**
     * Strict: an unknown property fails where the model has no catch-all, a string where a number
     * belongs is not coerced. The fabric8 classes keep unknown fields in additionalProperties, so
     * {@link Checks#schema} walks those as well.
     */
    static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .build();

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One document: its tree, and the typed object when the kind is built in and it parsed. */
    record Doc(JsonNode node, HasMetadata typed) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        String key() {
            return node.path("apiVersion").asText() + "/" + kind();
        }

        String id() {
            return kind() + "/" + name();
        }

        <T> T as(Class<T> type) {
            return type.cast(typed);
        }
    }

    private Manifests() {}

    /** kubectl kustomize &lt;dir&gt;; fails with a clear message where kubectl is missing. */
    static String render(Path dir) {
        return render(dir, System.getProperty("kubectl", "kubectl"));
    }

    static String render(Path dir, String kubectl) {
        List<String> cmd = List.of(kubectl, "kustomize", dir.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "kubectl is not installed or not on PATH: the deploy-tests render every overlay"
                            + " with `kubectl kustomize` (install kubectl; CI machines have it)",
                    e);
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "kubectl kustomize "
                                + dir
                                + " failed: "
                                + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Splits a multi-document YAML stream into trees (empty documents dropped). */
    static List<JsonNode> trees(String yaml) {
        try (var parser = YAML.getFactory().createParser(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, new TypeReference<JsonNode>() {});
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses each tree; a built-in kind that does not bind is reported by Checks.schema. */
    static List<Doc> docs(String yaml) {
        List<Doc> docs = new ArrayList<>();
        for (JsonNode n : trees(yaml)) {
            Class<? extends HasMetadata> type =
                    TYPED.get(n.path("apiVersion").asText() + "/" + n.path("kind").asText());
            HasMetadata typed = null;
            if (type != null) {
                try {
                    typed = STRICT.treeToValue(n, type);
                } catch (IOException e) {
                    typed = null;
                }
            }
            docs.add(new Doc(n, typed));
        }
        return docs;
    }
}
