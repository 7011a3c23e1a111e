package io.chatcases.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's "where each rule lives" table is true: each RULE tag it names occurs in
 * exactly one source file, the one the table names.
 */
class RuleMapTest {
    private static final Pattern ROW =
            Pattern.compile(
                    "^\\| [^|]+ \\| (`[a-z-]+`(?:, `[a-z-]+`)*) \\| ([a-z-]+) `([^`]+)` \\|$");

    record Rule(String tag, String module, String file) {}

    static List<Rule> table() {
        List<Rule> rules = new ArrayList<>();
        for (String line : Repo.read(Repo.ROOT.resolve("docs/architecture.md")).split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                for (String tag : m.group(1).replace("`", "").split(", ")) {
                    rules.add(new Rule(tag, m.group(2), m.group(3)));
                }
            }
        }
        return rules;
    }

    static List<Path> filesTagged(String tag) {
        String needle = "RULE: " + tag + ":";
        try (Stream<Path> files = Files.walk(Repo.ROOT)) {
            return files.filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> !p.toString().contains("/node_modules/"))
                    .filter(p -> !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".ts"))
                    .filter(p -> Repo.read(p).contains(needle))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRuleOfTheTableLivesInTheOneFileItNames() {
        List<Rule> rules = table();
        assertFalse(rules.size() < 10, "the rule table was not found: " + rules);
        for (Rule r : rules) {
            List<Path> tagged = filesTagged(r.tag());
            assertEquals(1, tagged.size(), "RULE: " + r.tag() + ": in " + tagged);
            Path found = Repo.ROOT.relativize(tagged.get(0));
            assertEquals(r.module(), found.getName(0).toString(), r.tag());
            assertEquals(true, found.toString().endsWith("/" + r.file()), r.tag() + ": " + found);
        }
    }
}
