package io.chatcases.support;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Secrets fail closed: outside the {@code dev} and {@code test} profiles the service refuses to
 * start while a secret setting (listed in {@code secrets.settings}, {@code *} matching one name
 * segment) is missing, shorter than {@code secrets.min-bytes}, or equal to any value committed in
 * this service's {@code application.properties} (the local defaults every clone knows). Services
 * that hold secrets (chat-gateway, case-service) depend on this module and list theirs.
 */
@Singleton
public class SecretGuard {

    void onStart(@Observes StartupEvent event) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        if (config.getProfiles().stream().anyMatch(p -> p.equals("dev") || p.equals("test"))) {
            return;
        }
        List<String> settings =
                config.getOptionalValues("secrets.settings", String.class).orElse(List.of());
        int minBytes = config.getOptionalValue("secrets.min-bytes", Integer.class).orElse(32);
        Set<String> committed = committedValues();
        List<String> problems = new ArrayList<>();
        List<String> known = new ArrayList<>();
        config.getPropertyNames().forEach(known::add);
        known.addAll(fromEnvironment(settings, System.getenv().keySet()));
        for (String name : expand(settings, known)) {
            problem(name, config.getOptionalValue(name, String.class), committed, minBytes)
                    .ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "refusing to start: "
                            + String.join("; ", problems)
                            + " (see docs/security.md)");
        }
    }

    /** What is wrong with one secret setting, if anything. */
    static Optional<String> problem(
            String name, Optional<String> value, Set<String> committed, int minBytes) {
        String v = value.map(String::strip).orElse("");
        if (v.isEmpty()) {
            return Optional.of(name + " is not set");
        }
        if (committed.contains(v)) {
            return Optional.of(name + " is the committed local default");
        }
        if (v.getBytes(StandardCharsets.UTF_8).length < minBytes) {
            return Optional.of(name + " is shorter than " + minBytes + " bytes");
        }
        return Optional.empty();
    }

    /** The listed names, with each {@code *} pattern replaced by the known names it matches. */
    static List<String> expand(List<String> settings, Iterable<String> known) {
        List<String> names = new ArrayList<>();
        for (String s : settings) {
            if (!s.contains("*")) {
                names.add(s);
                continue;
            }
            Pattern p = Pattern.compile(Pattern.quote(s).replace("*", "\\E[^.]+\\Q"));
            StreamSupport.stream(known.spliterator(), false)
                    .filter(n -> !n.startsWith("%") && p.matcher(n).matches())
                    .sorted()
                    .forEach(names::add);
        }
        return names;
    }

    /**
     * Names a {@code *} pattern may mean that only an environment variable sets (a channel no file
     * names): {@code GATEWAY_IDENTITY_WEB_CONNECT_SECRET} gives {@code
     * gateway.identity.web-connect.secret} for {@code gateway.identity.*.secret}.
     */
    static List<String> fromEnvironment(List<String> settings, Collection<String> envNames) {
        List<String> names = new ArrayList<>();
        for (String s : settings) {
            int star = s.indexOf('*');
            if (star < 0) {
                continue;
            }
            String head = s.substring(0, star).toUpperCase().replaceAll("[^A-Z0-9]", "_");
            String tail = s.substring(star + 1).toUpperCase().replaceAll("[^A-Z0-9]", "_");
            Pattern p =
                    Pattern.compile(
                            Pattern.quote(head)
                                    + "([A-Z0-9]+(?:_[A-Z0-9]+)*)"
                                    + Pattern.quote(tail));
            for (String env : envNames) {
                var m = p.matcher(env);
                if (m.matches()) {
                    names.add(s.replace("*", m.group(1).toLowerCase().replace('_', '-')));
                }
            }
        }
        return names;
    }

    /** Every value (and every ${ENV:default} default) in the application.properties we ship. */
    static Set<String> committedValues() {
        Set<String> values = new HashSet<>();
        try {
            Enumeration<URL> files =
                    Thread.currentThread()
                            .getContextClassLoader()
                            .getResources("application.properties");
            while (files.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    p.load(in);
                }
                values.addAll(
                        literals(p.stringPropertyNames().stream().map(p::getProperty).toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** {@code ${NAME:default}} counts as its default; other values as they are. */
    static Set<String> literals(Collection<String> raw) {
        Set<String> out = new HashSet<>();
        for (String r : raw) {
            String v = r.strip();
            if (v.startsWith("${") && v.endsWith("}")) {
                v = v.indexOf(':') > 0 ? v.substring(v.indexOf(':') + 1, v.length() - 1) : "";
            }
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }
}
