package io.chatcases.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.deploy.Manifests.Doc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Structural checks of the operator resources, which the fabric8 model does not know: what the
 * platform needs from each (KRaft node pools, topics, databases and roles, the realm import).
 */
final class CustomResources {

    /** The databases and owners the services use (application.properties, infra.sh PG_APPS). */
    static final Map<String, String> SERVICE_DATABASES =
            Map.of(
                    "chat_gateway",
                    "chat_gateway",
                    "cases",
                    "cases",
                    "contacts",
                    "contacts",
                    "files",
                    "files");

    private CustomResources() {}

    /** Strimzi: KRaft with node pools, pools bound to a Kafka, topics bound and replicated. */
    static List<String> kafka(List<Doc> docs, int minReplicas, int minIsr) {
        List<String> problems = new ArrayList<>();
        List<Doc> clusters = Checks.custom(docs, "Kafka").toList();
        Set<String> names = clusters.stream().map(Doc::name).collect(Collectors.toSet());
        if (clusters.isEmpty()) {
            problems.add("no Strimzi Kafka resource");
        }
        for (Doc k : clusters) {
            JsonNode ann = k.node().path("metadata").path("annotations");
            if (!"enabled".equals(ann.path("strimzi.io/kraft").asText())
                    || !"enabled".equals(ann.path("strimzi.io/node-pools").asText())) {
                problems.add(k.id() + ": not KRaft with node pools (strimzi.io/kraft, node-pools)");
            }
            if (k.node().path("spec").has("zookeeper")) {
                problems.add(k.id() + ": has a zookeeper section");
            }
            if (!k.node().path("spec").path("kafka").path("listeners").isArray()) {
                problems.add(k.id() + ": no listeners");
            }
        }
        int brokers = 0;
        boolean controller = false;
        for (Doc p : Checks.custom(docs, "KafkaNodePool").toList()) {
            String cluster =
                    p.node().path("metadata").path("labels").path("strimzi.io/cluster").asText();
            if (!names.contains(cluster)) {
                problems.add(p.id() + ": strimzi.io/cluster '" + cluster + "' is no Kafka here");
            }
            Set<String> roles = new HashSet<>();
            p.node().path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            if (roles.contains("broker")) {
                brokers += p.node().path("spec").path("replicas").asInt();
            }
            controller |= roles.contains("controller");
            if (!p.node().path("spec").path("storage").isObject()) {
                problems.add(p.id() + ": no storage");
            }
        }
        if (!controller) {
            problems.add("no KafkaNodePool with the controller role (KRaft)");
        }
        if (brokers < minReplicas) {
            problems.add(brokers + " brokers cannot hold " + minReplicas + " replicas");
        }
        for (Doc t : Checks.custom(docs, "KafkaTopic").toList()) {
            JsonNode spec = t.node().path("spec");
            String cluster =
                    t.node().path("metadata").path("labels").path("strimzi.io/cluster").asText();
            if (!names.contains(cluster)) {
                problems.add(t.id() + ": strimzi.io/cluster '" + cluster + "' is no Kafka here");
            }
            if (!spec.path("partitions").isInt() || spec.path("partitions").asInt() < 1) {
                problems.add(t.id() + ": partitions must be a positive integer");
            }
            if (!spec.path("replicas").isInt() || spec.path("replicas").asInt() < minReplicas) {
                problems.add(t.id() + ": replicas below " + minReplicas);
            }
            JsonNode isr = spec.path("config").path("min.insync.replicas");
            if (!isr.isInt()
                    || isr.asInt() < minIsr
                    || isr.asInt() >= spec.path("replicas").asInt() && minReplicas > 1) {
                problems.add(
                        t.id()
                                + ": min.insync.replicas must be >= "
                                + minIsr
                                + " and below replicas");
            }
            if (!spec.path("config").path("retention.ms").canConvertToLong()) {
                problems.add(t.id() + ": no retention.ms");
            }
        }
        return problems;
    }

    /** The topic name each KafkaTopic creates, with its partitions. */
    static Map<String, Integer> topics(List<Doc> docs) {
        return Checks.custom(docs, "KafkaTopic")
                .collect(
                        Collectors.toMap(
                                t -> t.node().path("spec").path("topicName").asText(t.name()),
                                t -> t.node().path("spec").path("partitions").asInt()));
    }

    /** CloudNativePG: the four databases owned by managed roles with password Secrets. */
    static List<String> postgres(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        List<Doc> clusters = Checks.custom(docs, "Cluster").toList();
        if (clusters.size() != 1) {
            problems.add("expected one CloudNativePG Cluster, found " + clusters.size());
            return problems;
        }
        Doc c = clusters.get(0);
        Set<String> roles = new HashSet<>();
        c.node()
                .path("spec")
                .path("managed")
                .path("roles")
                .forEach(
                        r -> {
                            roles.add(r.path("name").asText());
                            if (!r.path("passwordSecret").path("name").isTextual()) {
                                problems.add(
                                        c.id()
                                                + ": role "
                                                + r.path("name").asText()
                                                + " has no passwordSecret");
                            }
                            if (!r.path("login").asBoolean(false)) {
                                problems.add(
                                        c.id()
                                                + ": role "
                                                + r.path("name").asText()
                                                + " cannot log in");
                            }
                        });
        if (c.node().path("spec").path("instances").asInt() < 1) {
            problems.add(c.id() + ": instances must be at least 1");
        }
        Map<String, String> dbs = new java.util.HashMap<>();
        Checks.custom(docs, "Database")
                .forEach(
                        db -> {
                            JsonNode spec = db.node().path("spec");
                            if (!spec.path("cluster").path("name").asText().equals(c.name())) {
                                problems.add(db.id() + ": cluster.name is not " + c.name());
                            }
                            if (!roles.contains(spec.path("owner").asText())) {
                                problems.add(
                                        db.id()
                                                + ": owner '"
                                                + spec.path("owner").asText()
                                                + "' is no managed role");
                            }
                            dbs.put(spec.path("name").asText(), spec.path("owner").asText());
                        });
        SERVICE_DATABASES.forEach(
                (db, owner) -> {
                    if (!owner.equals(dbs.get(db))) {
                        problems.add("database " + db + " owned by " + owner + " is not declared");
                    }
                });
        return problems;
    }

    /** Keycloak: the realm import points at a Keycloak CR and holds no users or secrets. */
    static List<String> keycloak(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        Set<String> keycloaks =
                Checks.custom(docs, "Keycloak").map(Doc::name).collect(Collectors.toSet());
        if (keycloaks.isEmpty()) {
            problems.add("no Keycloak resource");
        }
        List<Doc> imports = Checks.custom(docs, "KeycloakRealmImport").toList();
        if (imports.isEmpty()) {
            problems.add("no KeycloakRealmImport");
        }
        for (Doc i : imports) {
            JsonNode spec = i.node().path("spec");
            if (!keycloaks.contains(spec.path("keycloakCRName").asText())) {
                problems.add(
                        i.id()
                                + ": keycloakCRName '"
                                + spec.path("keycloakCRName").asText()
                                + "' is no Keycloak here");
            }
            JsonNode realm = spec.path("realm");
            realm.path("users")
                    .forEach(
                            u -> {
                                if (u.has("credentials")) {
                                    problems.add(
                                            i.id()
                                                    + ": user "
                                                    + u.path("username").asText()
                                                    + " has credentials (no passwords in the realm import)");
                                }
                            });
            realm.path("clients")
                    .forEach(
                            cl -> {
                                if (cl.has("secret")) {
                                    problems.add(
                                            i.id()
                                                    + ": client "
                                                    + cl.path("clientId").asText()
                                                    + " carries a secret");
                                }
                                if (cl.path("directAccessGrantsEnabled").asBoolean(false)) {
                                    problems.add(
                                            i.id()
                                                    + ": client "
                                                    + cl.path("clientId").asText()
                                                    + " allows the password grant");
                                }
                            });
        }
        return problems;
    }
}
