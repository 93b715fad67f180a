package clinic.bfrguard.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service (or the web console) reads and what it falls back to, from its own files: the members of its
 * {@code @ConfigMapping} interfaces with their {@code @WithDefault}s, and its {@code application.properties} over
 * common's {@code META-INF/microprofile-config.properties}.
 *
 * <p>An environment variable whose name matches nothing the service reads is ignored by Quarkus without a word, so a
 * misspelt policy name in a deployment file would leave the clinic on the default while everyone believes otherwise.
 * A deployment file that restates a default is a second copy that the next change of the default leaves behind.
 */
final class ServiceConfiguration {

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern MEMBER = Pattern.compile("^\\s+([\\w<>, ?.]+)\\s+(\\w+)\\(\\);\\s*$");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");

    /** One property a mapping reads; a map member reads every property under its name. */
    private record Member(String environmentName, Optional<String> defaultValue, boolean map) {

        boolean reads(String environmentVariable) {
            return map ? environmentVariable.startsWith(environmentName + "_")
                    : environmentVariable.equals(environmentName);
        }
    }

    private record RawMember(String type, String name, Optional<String> defaultValue) {
    }

    private ServiceConfiguration() {
    }

    /** Whether the service maps the environment variable (e.g. CLINIC_BAND_MAX_CONTINUOUS) to a property it reads. */
    static boolean reads(String service, String environmentVariable) {
        return members(service).stream().anyMatch(member -> member.reads(environmentVariable));
    }

    /**
     * What the service uses when its environment sets nothing, by environment variable name: its mappings'
     * defaults (expressions such as {@code ${quarkus.application.name}} left out), under its properties files.
     * Profile-specific entries ({@code %test.}) are left out.
     */
    static Map<String, String> defaults(String service) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Member member : members(service)) {
            member.defaultValue().filter(value -> !value.contains("${"))
                    .ifPresent(value -> defaults.put(member.environmentName(), value));
        }
        List<Path> files = new ArrayList<>();
        if (RenderedOverlay.SERVICES.contains(service)) {
            files.add(Repository.file("common/src/main/resources/META-INF/microprofile-config.properties"));
        }
        files.add(Repository.file(service + "/src/main/resources/application.properties"));
        for (Path file : files) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().stream().filter(name -> !name.startsWith("%"))
                    .forEach(name -> defaults.put(environmentName(name), properties.getProperty(name).trim()));
        }
        return defaults;
    }

    /** Quarkus's rule: upper case, every character other than a letter or digit an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The mappings of the service and, for a service (not the web console), of common, which it runs too. */
    private static List<Member> members(String service) {
        List<Path> trees = new ArrayList<>(List.of(Repository.file(service + "/src/main/java")));
        if (RenderedOverlay.SERVICES.contains(service)) {
            trees.add(Repository.file("common/src/main/java"));
        }
        List<Member> members = new ArrayList<>();
        for (Path tree : trees) {
            try (Stream<Path> sources = Files.walk(tree)) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    members.addAll(mappingMembers(Files.readString(source)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return members;
    }

    /** The properties one source file's mapping reads, its nested groups ({@code bloodPressure()}) flattened. */
    private static List<Member> mappingMembers(String code) {
        Matcher prefix = PREFIX.matcher(code);
        if (!prefix.find()) {
            return List.of();
        }
        Map<String, List<RawMember>> interfaces = new HashMap<>();
        List<String> open = new ArrayList<>();
        List<Integer> openedAtDepth = new ArrayList<>();
        int depth = 0;
        String root = null;
        List<String> annotations = new ArrayList<>();
        for (String line : code.lines().toList()) {
            String trimmed = line.trim();
            boolean comment = trimmed.startsWith("*") || trimmed.startsWith("/");
            Matcher declared = INTERFACE.matcher(line);
            if (declared.find() && !comment) {
                open.add(declared.group(1));
                openedAtDepth.add(depth);
                interfaces.put(declared.group(1), new ArrayList<>());
                root = root == null ? declared.group(1) : root;
            }
            if (trimmed.startsWith("@")) {
                annotations.add(trimmed);
            }
            Matcher member = MEMBER.matcher(line);
            if (member.matches() && !open.isEmpty() && !comment) {
                String joined = String.join(" ", annotations);
                Matcher withDefault = WITH_DEFAULT.matcher(joined);
                Matcher withName = WITH_NAME.matcher(joined);
                String name = withName.find() ? withName.group(1) : kebabCase(member.group(2));
                interfaces.get(open.get(open.size() - 1)).add(new RawMember(member.group(1).trim(), name,
                        withDefault.find() ? Optional.of(withDefault.group(1)) : Optional.empty()));
            }
            if (!trimmed.startsWith("@") && !trimmed.isEmpty()) {
                annotations.clear();
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!openedAtDepth.isEmpty() && depth == openedAtDepth.get(openedAtDepth.size() - 1)) {
                        open.remove(open.size() - 1);
                        openedAtDepth.remove(openedAtDepth.size() - 1);
                    }
                }
            }
        }
        List<Member> members = new ArrayList<>();
        flatten(interfaces, root, prefix.group(1), members);
        return members;
    }

    private static void flatten(Map<String, List<RawMember>> interfaces, String group, String path,
            List<Member> members) {
        for (RawMember member : interfaces.getOrDefault(group, List.of())) {
            String property = path + "." + member.name();
            if (interfaces.containsKey(member.type())) {
                flatten(interfaces, member.type(), property, members);
            } else {
                members.add(new Member(environmentName(property), member.defaultValue(),
                        member.type().startsWith("Map<")));
            }
        }
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
