package io.chatcases.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.deploy.Checks.ExternalSecret;
import io.chatcases.deploy.Manifests.Doc;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each check fails on a deliberately broken snippet and passes on the sound one. */
class ChecksTest {

    /** A sound pair: a Deployment and its Service, with what the checks ask for. */
    static final String APP =
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: app
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: app
                spec:
                  securityContext:
                    runAsNonRoot: true
                  containers:
                    - name: app
                      image: app
                      ports:
                        - name: http
                          containerPort: 8080
                      envFrom:
                        - configMapRef:
                            name: app-config
                      env:
                        - name: DB_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: pg-app
                              key: password
                      startupProbe:
                        httpGet:
                          path: /q/health/started
                          port: http
                      readinessProbe:
                        httpGet:
                          path: /q/health/ready
                          port: http
                      livenessProbe:
                        httpGet:
                          path: /q/health/live
                          port: http
                      resources:
                        requests:
                          cpu: 100m
                          memory: 128Mi
                        limits:
                          cpu: "1"
                          memory: 256Mi
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: app
            spec:
              selector:
                app.kubernetes.io/name: app
              ports:
                - name: http
                  port: 8080
                  targetPort: http
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-config
            data:
              A: b
            """;

    static final List<ExternalSecret> DOCUMENTED =
            List.of(new ExternalSecret("pg-app", Set.of("username", "password")));

    static List<Doc> docs(String yaml) {
        return Manifests.docs(yaml);
    }

    static List<Doc> app(String... more) {
        return docs(APP + "\n---\n" + String.join("\n---\n", more));
    }

    static void fails(List<String> problems, String expected) {
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing '" + expected + "', got " + problems);
    }

    @Test
    void theSoundSnippetPassesEveryCheck() {
        List<Doc> d = docs(APP);
        assertEquals(List.of(), Checks.schema(d));
        assertEquals(List.of(), Checks.selectors(d));
        assertEquals(List.of(), Checks.ports(d));
        assertEquals(List.of(), Checks.references(d, DOCUMENTED));
        assertEquals(List.of(), Checks.containers(d));
    }

    @Test
    void schemaRefusesUnknownFieldsWrongTypesAndUnknownKinds() {
        fails(
                Checks.schema(docs(APP.replace("  replicas: 2", "  replica: 2"))),
                "unknown field 'replica'");
        fails(
                Checks.schema(
                        docs(
                                APP.replace(
                                        "readOnlyRootFilesystem: true",
                                        "readOnlyRootFilesystem: true\n            runAsUsr: 185"))),
                "unknown field 'runAsUsr'");
        fails(Checks.schema(docs(APP.replace("replicas: 2", "replicas: two"))), "does not parse");
        fails(Checks.schema(docs(APP.replace("replicas: 2", "replicas: \"2\""))), "does not parse");
        fails(
                Checks.schema(docs(APP.replace("kind: Service", "kind: Servce"))),
                "unknown apiVersion/kind v1/Servce");
        fails(
                Checks.schema(
                        docs(
                                """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: t
                """)),
                "without metadata.name or spec");
    }

    @Test
    void selectorsThatMatchNoPodFail() {
        fails(
                Checks.selectors(
                        docs(
                                APP.replace(
                                        "  selector:\n    app.kubernetes.io/name: app\n",
                                        "  selector:\n    app.kubernetes.io/name: ap\n"))),
                "Service/app: selector");
        fails(
                Checks.selectors(
                        docs(
                                APP.replace(
                                        "      app.kubernetes.io/name: app\n  template:",
                                        "      app.kubernetes.io/name: other\n  template:"))),
                "selector does not match its pod template");
        fails(
                Checks.selectors(
                        app(
                                """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: b
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: gone
                """)),
                "PodDisruptionBudget/b: selector matches no pod");
        fails(
                Checks.selectors(
                        app(
                                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: n
                spec:
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/name: app
                  ingress:
                    - from:
                        - podSelector:
                            matchLabels:
                              app.kubernetes.io/name: nobody
                """)),
                "peer podSelector");
        fails(
                Checks.selectors(
                        app(
                                """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: h
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: missing
                  minReplicas: 1
                  maxReplicas: 2
                """)),
                "target Deployment/missing is not defined");
    }

    @Test
    void portsNoContainerExposesFail() {
        fails(
                Checks.ports(docs(APP.replace("targetPort: http", "targetPort: metrics"))),
                "targetPort metrics is not a port");
        fails(
                Checks.ports(docs(APP.replace("targetPort: http", "targetPort: 9090"))),
                "targetPort 9090");
        fails(
                Checks.containers(docs(APP.replace("  port: http", "  port: 8081"))),
                "on a port the container does not expose");
        String ingress =
                """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: i
                spec:
                  rules:
                    - host: x.example.com
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: app
                                port:
                                  name: %s
                """;
        assertEquals(List.of(), Checks.ports(app(ingress.formatted("http"))));
        fails(
                Checks.ports(app(ingress.formatted("management"))),
                "is no port of a defined Service");
        fails(
                Checks.ports(
                        app(
                                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: n
                spec:
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/name: app
                  egress:
                    - to:
                        - podSelector:
                            matchLabels:
                              app.kubernetes.io/name: app
                      ports:
                        - protocol: TCP
                          port: 9999
                """)),
                "egress port 9999");
    }

    @Test
    void referencesToUndefinedOrUndocumentedObjectsFail() {
        fails(
                Checks.references(
                        docs(
                                APP.replace(
                                        "  name: app-config\ndata:",
                                        "  name: other-config\ndata:")),
                        DOCUMENTED),
                "ConfigMap 'app-config' is neither defined nor documented");
        fails(
                Checks.references(docs(APP), List.of()),
                "Secret 'pg-app' is neither defined nor documented");
        fails(
                Checks.references(docs(APP.replace("key: password", "key: pass")), DOCUMENTED),
                "Secret 'pg-app' has no key 'pass'");
        fails(
                Checks.references(
                        app(
                                """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: pg
                spec:
                  instances: 1
                  managed:
                    roles:
                      - name: app
                        passwordSecret:
                          name: pg-unknown
                  monitoring:
                    customQueriesConfigMap:
                      - name: app-config
                        key: queries.yaml
                """),
                        DOCUMENTED),
                "Secret 'pg-unknown'");
        fails(
                Checks.references(
                        app(
                                """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: pg
                spec:
                  monitoring:
                    customQueriesConfigMap:
                      - name: app-config
                        key: queries.yaml
                """),
                        DOCUMENTED),
                "ConfigMap 'app-config' has no key 'queries.yaml'");
    }

    @Test
    void containersWithoutProbesLimitsOrLockdownFail() {
        fails(
                Checks.containers(
                        docs(APP.replaceAll("(?s)          livenessProbe:.*?port: http\n", ""))),
                "no livenessProbe");
        fails(
                Checks.containers(
                        docs(APP.replaceAll("(?s)          startupProbe:.*?port: http\n", ""))),
                "no startupProbe");
        fails(
                Checks.containers(
                        docs(
                                APP.replace(
                                        """
                            limits:
                              cpu: "1"
                              memory: 256Mi
                """,
                                        ""))),
                "no memory limit");
        fails(
                Checks.containers(
                        docs(
                                APP.replace(
                                        "readOnlyRootFilesystem: true",
                                        "readOnlyRootFilesystem: false"))),
                "root filesystem is writable");
        fails(
                Checks.containers(docs(APP.replace("runAsNonRoot: true", "runAsNonRoot: false"))),
                "may run as root");
    }

    static final String KAFKA =
            """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: Kafka
            metadata:
              name: k
              annotations:
                strimzi.io/node-pools: enabled
                strimzi.io/kraft: enabled
            spec:
              kafka:
                listeners: []
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaNodePool
            metadata:
              name: p
              labels:
                strimzi.io/cluster: k
            spec:
              replicas: 3
              roles: [controller, broker]
              storage:
                type: ephemeral
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata:
              name: t
              labels:
                strimzi.io/cluster: k
            spec:
              topicName: chat.t
              partitions: 6
              replicas: 3
              config:
                retention.ms: 1000
                min.insync.replicas: 2
            """;

    @Test
    void kafkaResourcesMustBeKraftAndReplicated() {
        assertEquals(List.of(), CustomResources.kafka(docs(KAFKA), 3, 2));
        fails(
                CustomResources.kafka(
                        docs(
                                KAFKA.replace("  replicas: 3\n  config", "  replicas: 1\n  config")
                                        .replace(
                                                "min.insync.replicas: 2",
                                                "min.insync.replicas: 1")),
                        3,
                        2),
                "replicas below 3");
        fails(
                CustomResources.kafka(
                        docs(KAFKA.replace("min.insync.replicas: 2", "min.insync.replicas: 1")),
                        3,
                        2),
                "min.insync.replicas must be >= 2");
        fails(
                CustomResources.kafka(
                        docs(KAFKA.replace("strimzi.io/kraft: enabled", "x: y")), 3, 2),
                "not KRaft");
        fails(
                CustomResources.kafka(
                        docs(KAFKA.replace("roles: [controller, broker]", "roles: [broker]")),
                        3,
                        2),
                "controller role");
        fails(
                CustomResources.kafka(
                        docs(
                                KAFKA.replace(
                                        "    strimzi.io/cluster: k\nspec:\n  topicName",
                                        "    strimzi.io/cluster: kk\nspec:\n  topicName")),
                        3,
                        2),
                "'kk' is no Kafka here");
        fails(
                CustomResources.kafka(docs(KAFKA.replace("    retention.ms: 1000\n", "")), 3, 2),
                "no retention.ms");
    }

    @Test
    void postgresNeedsTheFourDatabasesWithManagedOwners() {
        String cluster =
                """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: pg
                spec:
                  instances: 1
                  managed:
                    roles:
                      - name: cases
                        login: true
                        passwordSecret:
                          name: pg-cases
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Database
                metadata:
                  name: cases
                spec:
                  cluster:
                    name: pg
                  name: cases
                  owner: cases
                """;
        List<String> p = CustomResources.postgres(docs(cluster));
        fails(p, "database contacts owned by contacts is not declared");
        assertTrue(p.stream().noneMatch(x -> x.contains("database cases")), p.toString());
        fails(
                CustomResources.postgres(docs(cluster.replace("owner: cases", "owner: nobody"))),
                "owner 'nobody' is no managed role");
    }

    @Test
    void realmImportMayHoldNoPasswordsOrSecrets() {
        String kc =
                """
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: Keycloak
                metadata:
                  name: kc
                spec:
                  instances: 1
                ---
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata:
                  name: r
                spec:
                  keycloakCRName: kc
                  realm:
                    realm: cx
                    clients:
                      - clientId: cx-services
                    users:
                      - username: service-account-cx-services
                """;
        assertEquals(List.of(), CustomResources.keycloak(docs(kc)));
        fails(
                CustomResources.keycloak(
                        docs(
                                kc.replace(
                                        "- username: service-account-cx-services",
                                        "- username: alice\n        credentials:\n          - type: password\n            value: alice"))),
                "user alice has credentials");
        fails(
                CustomResources.keycloak(
                        docs(
                                kc.replace(
                                        "- clientId: cx-services",
                                        "- clientId: cx-services\n        secret: s3cr3t"))),
                "carries a secret");
        fails(
                CustomResources.keycloak(
                        docs(kc.replace("keycloakCRName: kc", "keycloakCRName: other"))),
                "'other' is no Keycloak here");
    }

    @Test
    void aMissingKubectlFailsWithAClearMessage() {
        var e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalStateException.class,
                        () -> Manifests.render(Repo.K8S.resolve("overlays/dev"), "kubectl-absent"));
        assertTrue(e.getMessage().contains("kubectl is not installed"), e.getMessage());
    }

    @Test
    void theDocumentedSecretsTableIsRead() {
        String md =
                """
                # Ops
                ## Secrets the platform's operator provides

                | Secret | keys | used by |
                |---|---|---|
                | `pg-cases` | `username`, `password` | case-service |
                | `cx-services` | `client-secret` | gateway |

                ## Next
                | `not-this` | `x` | - |
                """;
        assertEquals(
                List.of(
                        new ExternalSecret("pg-cases", Set.of("username", "password")),
                        new ExternalSecret("cx-services", Set.of("client-secret"))),
                Repo.documentedSecrets(md));
    }
}
