package io.chatcases.deploy;

import io.chatcases.deploy.Checks.ExternalSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Paths of the repository, and what the docs say the cluster's operator provides. */
final class Repo {
    static final Path ROOT =
            Path.of(System.getProperty("deploy.k8s.dir", "../deploy/k8s"))
                    .toAbsolutePath()
                    .normalize()
                    .getParent()
                    .getParent();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path OPERATIONS = ROOT.resolve("docs/operations.md");
    static final String SECRETS_HEADING = "## Secrets the platform's operator provides";

    private Repo() {}

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The table under {@link #SECRETS_HEADING} in docs/operations.md: rows of the form {@code |
     * `name` | `key`, `key` | ...}.
     */
    static List<ExternalSecret> documentedSecrets(String markdown) {
        int start = markdown.indexOf(SECRETS_HEADING);
        if (start < 0) {
            throw new IllegalStateException("docs/operations.md has no '" + SECRETS_HEADING + "'");
        }
        String section = markdown.substring(start + SECRETS_HEADING.length());
        int end = section.indexOf("\n## ");
        if (end >= 0) {
            section = section.substring(0, end);
        }
        List<ExternalSecret> out = new ArrayList<>();
        Pattern row =
                Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|([^|]*)\\|", Pattern.MULTILINE);
        Pattern key = Pattern.compile("`([A-Za-z0-9._-]+)`");
        Matcher m = row.matcher(section);
        while (m.find()) {
            Set<String> keys = new LinkedHashSet<>();
            Matcher k = key.matcher(m.group(2));
            while (k.find()) {
                keys.add(k.group(1));
            }
            out.add(new ExternalSecret(m.group(1), keys));
        }
        return out;
    }
}
