package io.chatcases.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.deploy.Manifests.Doc;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks on a rendered overlay. Each returns the problems it found (empty = fine), so that
 * ChecksTest can feed it broken snippets and see each one fail.
 */
final class Checks {

    /** A pod some resource creates: ours (a Deployment's template) or an operator's. */
    record Pod(String owner, Map<String, String> labels, List<ContainerPort> ports) {}

    /** A Service an operator creates from a custom resource (Ingress backends may point at it). */
    record OperatorService(String name, Set<Integer> ports) {}

    private Checks() {}

    // ------------------------------------------------------------------------------- schema

    /**
     * Every document is a known kind; built-in kinds bind to the fabric8 model (types, enums,
     * unknown fields), custom ones have apiVersion, kind, metadata.name and a spec.
     */
    static List<String> schema(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        for (Doc d : docs) {
            Class<?> type = Manifests.TYPED.get(d.key());
            if (type != null) {
                try {
                    Object typed = Manifests.STRICT.treeToValue(d.node(), type);
                    unknownFields(typed, d.id(), problems);
                } catch (IOException e) {
                    problems.add(
                            d.id()
                                    + ": does not parse as "
                                    + type.getSimpleName()
                                    + ": "
                                    + e.getMessage().lines().findFirst().orElse(""));
                }
            } else if (Manifests.CUSTOM.contains(d.key())) {
                if (d.name().isEmpty() || !d.node().has("spec") && !d.kind().equals("Namespace")) {
                    problems.add(d.id() + ": custom resource without metadata.name or spec");
                }
            } else {
                problems.add(d.id() + ": unknown apiVersion/kind " + d.key());
            }
        }
        return problems;
    }

    /** Walks a fabric8 object graph; any additionalProperties entry is a field the API lacks. */
    static void unknownFields(Object root, String where, List<String> problems) {
        walk(root, where, problems, new IdentityHashMap<>());
    }

    private static void walk(
            Object o, String path, List<String> problems, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, problems, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        try {
            for (PropertyDescriptor p :
                    Introspector.getBeanInfo(o.getClass(), Object.class).getPropertyDescriptors()) {
                if (p.getReadMethod() == null) {
                    continue;
                }
                Object v = p.getReadMethod().invoke(o);
                if (p.getName().equals("additionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet()
                                .forEach(k -> problems.add(path + ": unknown field '" + k + "'"));
                    }
                } else {
                    walk(v, path + "." + p.getName(), problems, seen);
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
            problems.add(path + ": cannot inspect " + o.getClass().getSimpleName() + ": " + e);
        }
    }

    // ------------------------------------------------------------------------- pods, selectors

    static <T> Stream<T> typed(List<Doc> docs, Class<T> type) {
        return docs.stream().filter(d -> type.isInstance(d.typed())).map(d -> d.as(type));
    }

    static Stream<Doc> custom(List<Doc> docs, String kind) {
        return docs.stream().filter(d -> d.typed() == null && d.kind().equals(kind));
    }

    /** Pods of the Deployments, and the pods the operators create for the custom resources. */
    static List<Pod> pods(List<Doc> docs) {
        List<Pod> pods = new ArrayList<>();
        typed(docs, Deployment.class)
                .forEach(
                        dep -> {
                            var t = dep.getSpec().getTemplate();
                            List<ContainerPort> ports = new ArrayList<>();
                            t.getSpec().getContainers().forEach(c -> ports.addAll(c.getPorts()));
                            pods.add(
                                    new Pod(
                                            "Deployment/" + dep.getMetadata().getName(),
                                            labels(t.getMetadata().getLabels()),
                                            ports));
                        });
        custom(docs, "KafkaNodePool")
                .forEach(
                        d -> {
                            String cluster =
                                    d.node()
                                            .path("metadata")
                                            .path("labels")
                                            .path("strimzi.io/cluster")
                                            .asText();
                            pods.add(
                                    operatorPod(
                                            d,
                                            Map.of(
                                                    "strimzi.io/cluster",
                                                    cluster,
                                                    "strimzi.io/kind",
                                                    "Kafka",
                                                    "strimzi.io/pool-name",
                                                    d.name()),
                                            9092,
                                            9090,
                                            9091));
                        });
        custom(docs, "Kafka")
                .forEach(
                        d ->
                                pods.add(
                                        operatorPod(
                                                d,
                                                Map.of(
                                                        "strimzi.io/cluster",
                                                        d.name(),
                                                        "strimzi.io/name",
                                                        d.name() + "-entity-operator"))));
        custom(docs, "Cluster")
                .forEach(
                        d ->
                                pods.add(
                                        operatorPod(
                                                d,
                                                Map.of("cnpg.io/cluster", d.name()),
                                                5432,
                                                8000,
                                                9187)));
        custom(docs, "Keycloak")
                .forEach(
                        d ->
                                pods.add(
                                        operatorPod(
                                                d,
                                                Map.of(
                                                        "app",
                                                        "keycloak",
                                                        "app.kubernetes.io/instance",
                                                        d.name(),
                                                        "app.kubernetes.io/managed-by",
                                                        "keycloak-operator"),
                                                8080,
                                                9000,
                                                7800)));
        return pods;
    }

    private static Pod operatorPod(Doc d, Map<String, String> labels, int... ports) {
        List<ContainerPort> list = new ArrayList<>();
        for (int p : ports) {
            ContainerPort cp = new ContainerPort();
            cp.setContainerPort(p);
            list.add(cp);
        }
        return new Pod(d.id(), labels, list);
    }

    /** Services the operators create (Keycloak "&lt;name&gt;-service", CNPG "-rw"/"-ro"/"-r"). */
    static List<OperatorService> operatorServices(List<Doc> docs) {
        List<OperatorService> out = new ArrayList<>();
        custom(docs, "Keycloak")
                .forEach(d -> out.add(new OperatorService(d.name() + "-service", Set.of(8080))));
        custom(docs, "Kafka")
                .forEach(
                        d ->
                                out.add(
                                        new OperatorService(
                                                d.name() + "-kafka-bootstrap", Set.of(9092))));
        custom(docs, "Cluster")
                .forEach(
                        d ->
                                Stream.of("-rw", "-ro", "-r")
                                        .forEach(
                                                s ->
                                                        out.add(
                                                                new OperatorService(
                                                                        d.name() + s,
                                                                        Set.of(5432)))));
        return out;
    }

    private static Map<String, String> labels(Map<String, String> l) {
        return l == null ? Map.of() : l;
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream()
                .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    static boolean matches(LabelSelector s, Map<String, String> labels) {
        if (!matches(labels(s.getMatchLabels()), labels)) {
            return false;
        }
        for (LabelSelectorRequirement r : s.getMatchExpressions()) {
            String v = labels.get(r.getKey());
            boolean ok =
                    switch (r.getOperator()) {
                        case "In" -> v != null && r.getValues().contains(v);
                        case "NotIn" -> v == null || !r.getValues().contains(v);
                        case "Exists" -> v != null;
                        case "DoesNotExist" -> v == null;
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean empty(LabelSelector s) {
        return labels(s.getMatchLabels()).isEmpty() && s.getMatchExpressions().isEmpty();
    }

    /**
     * Every selector selects something: Services, Deployments (their own template), PDBs,
     * NetworkPolicies (and their same-namespace pod peers), HPA targets.
     */
    static List<String> selectors(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        List<Pod> pods = pods(docs);
        typed(docs, Service.class)
                .forEach(
                        s -> {
                            Map<String, String> sel = labels(s.getSpec().getSelector());
                            if (sel.isEmpty()
                                    || pods.stream().noneMatch(p -> matches(sel, p.labels()))) {
                                problems.add(
                                        "Service/"
                                                + s.getMetadata().getName()
                                                + ": selector "
                                                + sel
                                                + " matches no pod");
                            }
                        });
        typed(docs, Deployment.class)
                .forEach(
                        d -> {
                            if (!matches(
                                    d.getSpec().getSelector(),
                                    labels(d.getSpec().getTemplate().getMetadata().getLabels()))) {
                                problems.add(
                                        "Deployment/"
                                                + d.getMetadata().getName()
                                                + ": selector does not match its pod template's labels");
                            }
                        });
        typed(docs, PodDisruptionBudget.class)
                .forEach(
                        b -> {
                            if (pods.stream()
                                    .noneMatch(
                                            p -> matches(b.getSpec().getSelector(), p.labels()))) {
                                problems.add(
                                        "PodDisruptionBudget/"
                                                + b.getMetadata().getName()
                                                + ": selector matches no pod");
                            }
                        });
        typed(docs, NetworkPolicy.class)
                .forEach(
                        np -> {
                            String id = "NetworkPolicy/" + np.getMetadata().getName();
                            LabelSelector own = np.getSpec().getPodSelector();
                            if (!empty(own)
                                    && pods.stream().noneMatch(p -> matches(own, p.labels()))) {
                                problems.add(id + ": podSelector matches no pod");
                            }
                            List<NetworkPolicyPeer> peers = new ArrayList<>();
                            np.getSpec().getIngress().forEach(r -> peers.addAll(r.getFrom()));
                            np.getSpec().getEgress().forEach(r -> peers.addAll(r.getTo()));
                            for (NetworkPolicyPeer peer : peers) {
                                if (peer.getPodSelector() != null
                                        && peer.getNamespaceSelector() == null
                                        && pods.stream()
                                                .noneMatch(
                                                        p ->
                                                                matches(
                                                                        peer.getPodSelector(),
                                                                        p.labels()))) {
                                    problems.add(
                                            id
                                                    + ": peer podSelector "
                                                    + peer.getPodSelector().getMatchLabels()
                                                    + " matches no pod");
                                }
                            }
                        });
        typed(docs, HorizontalPodAutoscaler.class)
                .forEach(
                        h -> {
                            var ref = h.getSpec().getScaleTargetRef();
                            boolean found =
                                    typed(docs, Deployment.class)
                                            .anyMatch(
                                                    d ->
                                                            ref.getKind().equals("Deployment")
                                                                    && d.getMetadata()
                                                                            .getName()
                                                                            .equals(ref.getName()));
                            if (!found) {
                                problems.add(
                                        "HorizontalPodAutoscaler/"
                                                + h.getMetadata().getName()
                                                + ": target "
                                                + ref.getKind()
                                                + "/"
                                                + ref.getName()
                                                + " is not defined");
                            }
                        });
        return problems;
    }

    // ------------------------------------------------------------------------------- ports

    private static boolean exposes(Pod p, IntOrString port) {
        return p.ports().stream()
                .anyMatch(
                        cp ->
                                port.getIntVal() != null
                                        ? Objects.equals(cp.getContainerPort(), port.getIntVal())
                                        : Objects.equals(cp.getName(), port.getStrVal()));
    }

    /**
     * Services point at ports the selected containers expose; Ingress backends and NetworkPolicy
     * ports towards our pods name ports that exist.
     */
    static List<String> ports(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        List<Pod> pods = pods(docs);
        typed(docs, Service.class)
                .forEach(
                        s -> {
                            Map<String, String> sel = labels(s.getSpec().getSelector());
                            List<Pod> selected =
                                    pods.stream().filter(p -> matches(sel, p.labels())).toList();
                            for (ServicePort sp : s.getSpec().getPorts()) {
                                IntOrString target =
                                        sp.getTargetPort() != null
                                                ? sp.getTargetPort()
                                                : new IntOrString(sp.getPort());
                                if (selected.isEmpty()
                                        || !selected.stream().allMatch(p -> exposes(p, target))) {
                                    problems.add(
                                            "Service/"
                                                    + s.getMetadata().getName()
                                                    + ": targetPort "
                                                    + (target.getIntVal() != null
                                                            ? target.getIntVal()
                                                            : target.getStrVal())
                                                    + " is not a port of the selected containers");
                                }
                            }
                        });
        List<OperatorService> external = operatorServices(docs);
        typed(docs, Ingress.class)
                .forEach(
                        ing ->
                                ing.getSpec()
                                        .getRules()
                                        .forEach(
                                                rule ->
                                                        rule.getHttp()
                                                                .getPaths()
                                                                .forEach(
                                                                        path -> {
                                                                            var svc =
                                                                                    path.getBackend()
                                                                                            .getService();
                                                                            var port =
                                                                                    svc.getPort();
                                                                            Optional<Service> ours =
                                                                                    typed(
                                                                                                    docs,
                                                                                                    Service
                                                                                                            .class)
                                                                                            .filter(
                                                                                                    s ->
                                                                                                            s.getMetadata()
                                                                                                                    .getName()
                                                                                                                    .equals(
                                                                                                                            svc
                                                                                                                                    .getName()))
                                                                                            .findFirst();
                                                                            boolean ok;
                                                                            if (ours.isPresent()) {
                                                                                ok =
                                                                                        ours
                                                                                                .get()
                                                                                                .getSpec()
                                                                                                .getPorts()
                                                                                                .stream()
                                                                                                .anyMatch(
                                                                                                        sp ->
                                                                                                                port
                                                                                                                                        .getNumber()
                                                                                                                                != null
                                                                                                                        ? port.getNumber()
                                                                                                                                .equals(
                                                                                                                                        sp
                                                                                                                                                .getPort())
                                                                                                                        : Objects
                                                                                                                                .equals(
                                                                                                                                        port
                                                                                                                                                .getName(),
                                                                                                                                        sp
                                                                                                                                                .getName()));
                                                                            } else {
                                                                                ok =
                                                                                        external
                                                                                                .stream()
                                                                                                .anyMatch(
                                                                                                        e ->
                                                                                                                e.name()
                                                                                                                                .equals(
                                                                                                                                        svc
                                                                                                                                                .getName())
                                                                                                                        && port
                                                                                                                                        .getNumber()
                                                                                                                                != null
                                                                                                                        && e.ports()
                                                                                                                                .contains(
                                                                                                                                        port
                                                                                                                                                .getNumber()));
                                                                            }
                                                                            if (!ok) {
                                                                                problems.add(
                                                                                        "Ingress/"
                                                                                                + ing.getMetadata()
                                                                                                        .getName()
                                                                                                + ": path "
                                                                                                + path
                                                                                                        .getPath()
                                                                                                + " -> "
                                                                                                + svc
                                                                                                        .getName()
                                                                                                + ":"
                                                                                                + (port
                                                                                                                        .getNumber()
                                                                                                                != null
                                                                                                        ? port
                                                                                                                .getNumber()
                                                                                                        : port
                                                                                                                .getName())
                                                                                                + " is no port of a defined Service");
                                                                            }
                                                                        })));
        typed(docs, NetworkPolicy.class)
                .forEach(
                        np -> {
                            String id = "NetworkPolicy/" + np.getMetadata().getName();
                            List<Pod> own =
                                    pods.stream()
                                            .filter(
                                                    p ->
                                                            matches(
                                                                    np.getSpec().getPodSelector(),
                                                                    p.labels()))
                                            .toList();
                            np.getSpec()
                                    .getIngress()
                                    .forEach(
                                            r ->
                                                    r.getPorts()
                                                            .forEach(
                                                                    port -> {
                                                                        if (port.getPort() != null
                                                                                && own.stream()
                                                                                        .noneMatch(
                                                                                                p ->
                                                                                                        exposes(
                                                                                                                p,
                                                                                                                port
                                                                                                                        .getPort()))) {
                                                                            problems.add(
                                                                                    id
                                                                                            + ": ingress port "
                                                                                            + port.getPort()
                                                                                                    .getIntVal()
                                                                                            + " is exposed by none of the selected pods");
                                                                        }
                                                                    }));
                            np.getSpec()
                                    .getEgress()
                                    .forEach(
                                            r -> {
                                                List<Pod> targets =
                                                        r.getTo().stream()
                                                                .filter(
                                                                        peer ->
                                                                                peer
                                                                                                        .getPodSelector()
                                                                                                != null
                                                                                        && peer
                                                                                                        .getNamespaceSelector()
                                                                                                == null)
                                                                .flatMap(
                                                                        peer ->
                                                                                pods.stream()
                                                                                        .filter(
                                                                                                p ->
                                                                                                        matches(
                                                                                                                peer
                                                                                                                        .getPodSelector(),
                                                                                                                p
                                                                                                                        .labels())))
                                                                .toList();
                                                if (targets.isEmpty()) {
                                                    return;
                                                }
                                                r.getPorts()
                                                        .forEach(
                                                                port -> {
                                                                    if (port.getPort() != null
                                                                            && targets.stream()
                                                                                    .noneMatch(
                                                                                            p ->
                                                                                                    exposes(
                                                                                                            p,
                                                                                                            port
                                                                                                                    .getPort()))) {
                                                                        problems.add(
                                                                                id
                                                                                        + ": egress port "
                                                                                        + port.getPort()
                                                                                                .getIntVal()
                                                                                        + " is exposed by none of the peer pods");
                                                                    }
                                                                });
                                            });
                        });
        return problems;
    }

    // -------------------------------------------------------------------------- references

    /** A Secret the platform's operator provides, with its keys (docs/operations.md). */
    record ExternalSecret(String name, Set<String> keys) {}

    private static final Pattern SECRETISH =
            Pattern.compile("(?i).*(secret|credentials|accesskeyid).*");

    /**
     * Every ConfigMap (and key) a pod or custom resource names is defined in the overlay; every
     * Secret (and key) is defined or in the documented list of externally provided Secrets.
     */
    static List<String> references(List<Doc> docs, List<ExternalSecret> documented) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> configMaps = new HashMap<>();
        typed(docs, ConfigMap.class)
                .forEach(
                        c ->
                                configMaps.put(
                                        c.getMetadata().getName(),
                                        c.getData() == null ? Set.of() : c.getData().keySet()));
        Map<String, Set<String>> secrets = new HashMap<>();
        documented.forEach(s -> secrets.put(s.name(), s.keys()));
        typed(docs, io.fabric8.kubernetes.api.model.Secret.class)
                .forEach(
                        s ->
                                secrets.put(
                                        s.getMetadata().getName(),
                                        s.getData() == null ? Set.of() : s.getData().keySet()));

        for (Doc d : docs) {
            PodSpec spec =
                    d.typed() instanceof Deployment dep
                            ? dep.getSpec().getTemplate().getSpec()
                            : null;
            if (spec != null) {
                Consumer<Container> check =
                        c -> {
                            c.getEnvFrom()
                                    .forEach(
                                            ef -> {
                                                if (ef.getConfigMapRef() != null) {
                                                    need(
                                                            configMaps,
                                                            "ConfigMap",
                                                            ef.getConfigMapRef().getName(),
                                                            null,
                                                            d,
                                                            problems);
                                                }
                                                if (ef.getSecretRef() != null) {
                                                    need(
                                                            secrets,
                                                            "Secret",
                                                            ef.getSecretRef().getName(),
                                                            null,
                                                            d,
                                                            problems);
                                                }
                                            });
                            c.getEnv()
                                    .forEach(
                                            e -> {
                                                var from = e.getValueFrom();
                                                if (from == null) {
                                                    return;
                                                }
                                                if (from.getConfigMapKeyRef() != null) {
                                                    need(
                                                            configMaps,
                                                            "ConfigMap",
                                                            from.getConfigMapKeyRef().getName(),
                                                            from.getConfigMapKeyRef().getKey(),
                                                            d,
                                                            problems);
                                                }
                                                if (from.getSecretKeyRef() != null) {
                                                    need(
                                                            secrets,
                                                            "Secret",
                                                            from.getSecretKeyRef().getName(),
                                                            from.getSecretKeyRef().getKey(),
                                                            d,
                                                            problems);
                                                }
                                            });
                        };
                spec.getContainers().forEach(check);
                spec.getInitContainers().forEach(check);
                spec.getVolumes()
                        .forEach(
                                v -> {
                                    if (v.getConfigMap() != null) {
                                        need(
                                                configMaps,
                                                "ConfigMap",
                                                v.getConfigMap().getName(),
                                                null,
                                                d,
                                                problems);
                                    }
                                    if (v.getSecret() != null) {
                                        need(
                                                secrets,
                                                "Secret",
                                                v.getSecret().getSecretName(),
                                                null,
                                                d,
                                                problems);
                                    }
                                });
            }
            if (d.typed() instanceof Ingress ing) {
                ing.getSpec()
                        .getTls()
                        .forEach(
                                t -> need(secrets, "Secret", t.getSecretName(), null, d, problems));
            }
            if (d.typed() == null) {
                customRefs(d.node(), "", d, configMaps, secrets, problems);
            }
        }
        return problems;
    }

    /**
     * In custom resources: {name[, key]} objects under a field that names a Secret or ConfigMap.
     */
    private static void customRefs(
            JsonNode n,
            String field,
            Doc d,
            Map<String, Set<String>> cms,
            Map<String, Set<String>> secrets,
            List<String> problems) {
        if (n.isArray()) {
            n.forEach(e -> customRefs(e, field, d, cms, secrets, problems));
            return;
        }
        if (!n.isObject()) {
            return;
        }
        if (n.has("name") && n.get("name").isTextual() && !field.isEmpty()) {
            String key = n.has("key") ? n.get("key").asText() : null;
            if (field.toLowerCase().contains("configmap")) {
                need(cms, "ConfigMap", n.get("name").asText(), key, d, problems);
            } else if (SECRETISH.matcher(field).matches()) {
                need(secrets, "Secret", n.get("name").asText(), key, d, problems);
            }
        }
        if (field.equals("realm")) {
            return; // the realm's own JSON (clients, roles) names no Kubernetes objects
        }
        n.fields()
                .forEachRemaining(
                        e -> {
                            // A {secret: {name, key}} under e.g. placeholders.X: the field names
                            // the kind.
                            customRefs(e.getValue(), e.getKey(), d, cms, secrets, problems);
                        });
    }

    private static void need(
            Map<String, Set<String>> known,
            String kind,
            String name,
            String key,
            Doc d,
            List<String> problems) {
        Set<String> keys = known.get(name);
        if (keys == null) {
            problems.add(
                    d.id() + ": " + kind + " '" + name + "' is neither defined nor documented");
        } else if (key != null && !keys.contains(key)) {
            problems.add(d.id() + ": " + kind + " '" + name + "' has no key '" + key + "'");
        }
    }

    // -------------------------------------------------------------------------- containers

    /**
     * Every container has startup, readiness and liveness probes, CPU and memory requests and
     * limits, and runs as non-root with a read-only root filesystem and no privilege escalation.
     */
    static List<String> containers(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        typed(docs, Deployment.class)
                .forEach(
                        dep -> {
                            PodSpec spec = dep.getSpec().getTemplate().getSpec();
                            boolean podNonRoot =
                                    spec.getSecurityContext() != null
                                            && Boolean.TRUE.equals(
                                                    spec.getSecurityContext().getRunAsNonRoot());
                            for (Container c : spec.getContainers()) {
                                String id =
                                        "Deployment/"
                                                + dep.getMetadata().getName()
                                                + " container "
                                                + c.getName();
                                if (c.getStartupProbe() == null) {
                                    problems.add(id + ": no startupProbe");
                                }
                                if (c.getReadinessProbe() == null) {
                                    problems.add(id + ": no readinessProbe");
                                }
                                if (c.getLivenessProbe() == null) {
                                    problems.add(id + ": no livenessProbe");
                                }
                                var r = c.getResources();
                                for (String res : List.of("cpu", "memory")) {
                                    if (r == null
                                            || r.getRequests() == null
                                            || !r.getRequests().containsKey(res)) {
                                        problems.add(id + ": no " + res + " request");
                                    }
                                    if (r == null
                                            || r.getLimits() == null
                                            || !r.getLimits().containsKey(res)) {
                                        problems.add(id + ": no " + res + " limit");
                                    }
                                }
                                var sc = c.getSecurityContext();
                                boolean nonRoot =
                                        podNonRoot
                                                || sc != null
                                                        && Boolean.TRUE.equals(
                                                                sc.getRunAsNonRoot());
                                if (!nonRoot) {
                                    problems.add(id + ": may run as root (runAsNonRoot)");
                                }
                                if (sc == null
                                        || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                                    problems.add(id + ": root filesystem is writable");
                                }
                                if (sc == null
                                        || !Boolean.FALSE.equals(
                                                sc.getAllowPrivilegeEscalation())) {
                                    problems.add(id + ": privilege escalation allowed");
                                }
                                for (var probe :
                                        Stream.of(
                                                        c.getStartupProbe(),
                                                        c.getReadinessProbe(),
                                                        c.getLivenessProbe())
                                                .filter(Objects::nonNull)
                                                .toList()) {
                                    if (probe.getHttpGet() != null
                                            && probe.getHttpGet().getPort() != null
                                            && c.getPorts().stream()
                                                    .noneMatch(
                                                            p ->
                                                                    probe.getHttpGet()
                                                                                            .getPort()
                                                                                            .getIntVal()
                                                                                    != null
                                                                            ? probe.getHttpGet()
                                                                                    .getPort()
                                                                                    .getIntVal()
                                                                                    .equals(
                                                                                            p
                                                                                                    .getContainerPort())
                                                                            : Objects.equals(
                                                                                    probe.getHttpGet()
                                                                                            .getPort()
                                                                                            .getStrVal(),
                                                                                    p.getName()))) {
                                        problems.add(
                                                id
                                                        + ": probe "
                                                        + probe.getHttpGet().getPath()
                                                        + " on a port the container does not expose");
                                    }
                                }
                            }
                        });
        return problems;
    }
}
