package io.chatcases.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.deploy.Manifests.Doc;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay with kubectl kustomize and runs every check on what comes out. */
class OverlaysTest {
    private static final Map<String, List<Doc>> RENDERED = new ConcurrentHashMap<>();

    static List<Doc> overlay(String name) {
        return RENDERED.computeIfAbsent(
                name,
                n -> Manifests.docs(Manifests.render(Repo.K8S.resolve("overlays").resolve(n))));
    }

    static List<Checks.ExternalSecret> documented() {
        return Repo.documentedSecrets(Repo.read(Repo.OPERATIONS));
    }

    private static void none(String what, List<String> problems) {
        assertTrue(problems.isEmpty(), what + ":\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDocumentParsesStrictly(String overlay) {
        List<Doc> docs = overlay(overlay);
        assertTrue(docs.size() > 30, "rendered only " + docs.size() + " documents");
        none("schema", Checks.schema(docs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void selectorsPortsAndReferencesResolve(String overlay) {
        List<Doc> docs = overlay(overlay);
        none("selectors", Checks.selectors(docs));
        none("ports", Checks.ports(docs));
        none("references", Checks.references(docs, documented()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void containersHaveProbesLimitsAndRunLockedDown(String overlay) {
        List<Doc> docs = overlay(overlay);
        assertEquals(4, Checks.typed(docs, Deployment.class).count());
        none("containers", Checks.containers(docs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void infrastructureResourcesHoldTogether(String overlay) {
        List<Doc> docs = overlay(overlay);
        boolean prod = overlay.equals("prod");
        none("kafka", CustomResources.kafka(docs, prod ? 3 : 1, prod ? 2 : 1));
        none("postgres", CustomResources.postgres(docs));
        none("keycloak", CustomResources.keycloak(docs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void gatewayGetsPodNamedGroupsTimeToCloseSocketsAndOneHost(String overlay) {
        List<Doc> docs = overlay(overlay);
        Deployment gw =
                Checks.typed(docs, Deployment.class)
                        .filter(d -> d.getMetadata().getName().equals("chat-gateway"))
                        .findFirst()
                        .orElseThrow();
        var spec = gw.getSpec().getTemplate().getSpec();
        assertTrue(spec.getTerminationGracePeriodSeconds() >= 30, "grace period too short");
        assertTrue(
                spec.getContainers().get(0).getEnv().stream()
                        .anyMatch(
                                e ->
                                        e.getName().equals("POD_NAME")
                                                && e.getValueFrom() != null
                                                && e.getValueFrom().getFieldRef() != null
                                                && e.getValueFrom()
                                                        .getFieldRef()
                                                        .getFieldPath()
                                                        .equals("metadata.name")),
                "POD_NAME from the downward API (the gateway's consumer groups)");
        List<Ingress> ingresses = Checks.typed(docs, Ingress.class).toList();
        assertEquals(1, ingresses.size());
        assertEquals(1, ingresses.get(0).getSpec().getRules().size(), "one host");
        var paths = ingresses.get(0).getSpec().getRules().get(0).getHttp().getPaths();
        for (String p :
                List.of(
                        "/ws/agent",
                        "/api/chats",
                        "/",
                        "/index.html",
                        "/assets/index-1.js",
                        "/demo/",
                        "/widget.js")) {
            assertTrue(routedToGateway(paths, p), p + " reaches the gateway");
        }
        for (String p : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/other")) {
            assertFalse(routedToGateway(paths, p), p + " must not be public");
        }
        // The management port (metrics, OpenAPI) is on no Service.
        assertFalse(
                Checks.typed(docs, io.fabric8.kubernetes.api.model.Service.class)
                        .anyMatch(
                                s ->
                                        s.getSpec().getPorts().stream()
                                                .anyMatch(
                                                        p ->
                                                                p.getPort() >= 9080
                                                                        && p.getPort() <= 9083)));
        if (overlay.equals("prod")) {
            assertTrue(
                    Checks.typed(docs, HorizontalPodAutoscaler.class)
                            .anyMatch(
                                    h ->
                                            h.getSpec()
                                                    .getScaleTargetRef()
                                                    .getName()
                                                    .equals("chat-gateway")));
            assertTrue(
                    Checks.typed(docs, PodDisruptionBudget.class)
                            .anyMatch(
                                    b ->
                                            "chat-gateway"
                                                    .equals(
                                                            b.getSpec()
                                                                    .getSelector()
                                                                    .getMatchLabels()
                                                                    .get(
                                                                            "app.kubernetes.io/name"))));
        }
    }

    /**
     * Whether an Ingress path rule (Exact, or Prefix by path element) sends {@code path} to the
     * gateway.
     */
    static boolean routedToGateway(
            List<io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath> paths,
            String path) {
        return paths.stream()
                .filter(x -> x.getBackend().getService().getName().equals("chat-gateway"))
                .anyMatch(
                        x ->
                                "Exact".equals(x.getPathType())
                                        ? path.equals(x.getPath())
                                        : x.getPath().equals("/")
                                                || path.equals(x.getPath())
                                                || path.startsWith(x.getPath() + "/"));
    }
}
