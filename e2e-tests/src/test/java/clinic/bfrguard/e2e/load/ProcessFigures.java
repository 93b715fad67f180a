package clinic.bfrguard.e2e.load;

import clinic.bfrguard.stack.Component;
import clinic.bfrguard.stack.LocalStack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Memory and CPU of the stack's processes and of the load generator, as Linux's /proc reports them. */
final class ProcessFigures {

    /** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
    static final long CLOCK_TICKS = 100;

    private final LocalStack stack;
    /** The components reported, in the report's order. */
    private final List<String> components;

    ProcessFigures(LocalStack stack, List<String> components) {
        this.stack = stack;
        this.components = List.copyOf(components);
    }

    List<String> components() {
        return components;
    }

    /** The same figures with {@code more} components (replicas started since) at the end. */
    ProcessFigures with(List<String> more) {
        return new ProcessFigures(stack, Stream.concat(components.stream(), more.stream()).toList());
    }

    /**
     * VmRSS of a component's process (of its JVM, for Keycloak's start script); for PostgreSQL the proportional
     * set size of the postmaster and its backends, so that the shared buffers count once.
     */
    long rssKiB(String name) {
        try {
            Component component = stack.component(name);
            List<Long> tree = tree(component.pid());
            if (name.equals(LocalStack.POSTGRES)) {
                return tree.stream().mapToLong(pid -> statusField(pid, "smaps_rollup", "Pss:")).sum();
            }
            return tree.stream().mapToLong(pid -> statusField(pid, "status", "VmRSS:")).max().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time (user + system, in clock ticks) of each component's processes so far. */
    Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String name : components) {
            try {
                ticks.put(name, tree(stack.component(name).pid()).stream()
                        .mapToLong(ProcessFigures::cpuTicksOf).sum());
            } catch (IOException | RuntimeException e) {
                ticks.put(name, 0L);
            }
        }
        return ticks;
    }

    static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long cpuTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process and all its descendants. */
    private static List<Long> tree(long root) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    children.computeIfAbsent(parentOf(proc), p -> new ArrayList<>()).add(Long.parseLong(name));
                }
            }
        }
        List<Long> tree = new ArrayList<>(List.of(root));
        for (int i = 0; i < tree.size(); i++) {
            tree.addAll(children.getOrDefault(tree.get(i), List.of()));
        }
        return tree;
    }

    private static long statusField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return 0;
    }

    private static long parentOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
