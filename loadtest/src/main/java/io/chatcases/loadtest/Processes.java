package io.chatcases.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time and resident memory of the platform's processes, read from /proc: each local-platform
 * process group recorded by deploy/local (its PID files), the PostgreSQL server, the benchmark's
 * gateway replicas and the harness itself.
 */
final class Processes {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** A named set of processes. */
    record Group(String name, Predicate<long[]> member) {}

    /** One reading: CPU seconds used so far and memory (PSS) in MiB, per group name. */
    record Reading(long nanos, Map<String, double[]> byGroup) {}

    /** CPU (cores used between two readings) and memory (PSS, MiB at the later one) per group. */
    record Usage(String name, double cores, double rssMiB) {
        /** The cores the groups named {@code name} used (0 when not measured). */
        static double coresOf(List<Usage> usage, String name) {
            return usage.stream()
                    .filter(u -> u.name().equals(name))
                    .mapToDouble(Usage::cores)
                    .sum();
        }

        /** The cores all groups used. */
        static double total(List<Usage> usage) {
            return usage.stream().mapToDouble(Usage::cores).sum();
        }
    }

    private final List<Group> groups = new ArrayList<>();

    /** The local platform's process groups from {@code $STATE_DIR/pids/*.pid}. */
    Processes platform(Path pidDir) {
        for (String name :
                List.of(
                        "kafka",
                        "keycloak",
                        "contact-service",
                        "case-service",
                        "file-service",
                        "chat-gateway")) {
            Path f = pidDir.resolve(name + ".pid");
            try {
                long pgid = Long.parseLong(Files.readString(f).trim());
                groups.add(new Group(name, stat -> stat[1] == pgid));
            } catch (IOException | NumberFormatException e) {
                // not started by deploy/local: not reported
            }
        }
        groups.add(new Group("postgresql", stat -> stat[2] == 1L));
        return this;
    }

    Processes pid(String name, long pid) {
        groups.add(new Group(name, stat -> stat[0] == pid));
        return this;
    }

    /** Reads every process once: [pid, pgid, isPostgres, utime+stime ticks, rss pages]. */
    Reading read() {
        Map<String, double[]> sums = new LinkedHashMap<>();
        groups.forEach(g -> sums.put(g.name(), new double[2]));
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(p);
                if (stat == null) {
                    continue;
                }
                for (Group g : groups) {
                    if (g.member().test(stat)) {
                        double[] sum = sums.get(g.name());
                        sum[0] += stat[3] / TICKS_PER_SECOND;
                        sum[1] += pssKib(p) / 1024.0;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Reading(System.nanoTime(), sums);
    }

    /**
     * Proportional set size: private pages plus each shared page divided by the processes sharing
     * it, so PostgreSQL's shared buffers are counted once for all its processes (RSS would count
     * them once per process). Falls back to 0 when the kernel does not offer smaps_rollup.
     */
    private static long pssKib(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended, or no smaps_rollup
        }
        return 0;
    }

    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            int close = s.lastIndexOf(')');
            String comm = s.substring(s.indexOf('(') + 1, close);
            String[] f = s.substring(close + 2).split(" ");
            // fields after comm: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) ... rss(21)
            return new long[] {
                Long.parseLong(proc.getFileName().toString()),
                Long.parseLong(f[2]),
                comm.equals("postgres") ? 1 : 0,
                Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[21])
            };
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    static List<Usage> between(Reading before, Reading after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        List<Usage> out = new ArrayList<>();
        after.byGroup()
                .forEach(
                        (name, v) -> {
                            double[] b = before.byGroup().getOrDefault(name, new double[2]);
                            out.add(new Usage(name, (v[0] - b[0]) / seconds, v[1]));
                        });
        return out;
    }
}
