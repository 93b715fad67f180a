package clinic.bfrguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The policy values a service reads (and the addresses the web console reads), from its {@code @ConfigMapping}
 * interfaces. An environment variable whose name matches none of them is ignored by Quarkus without a word, so a
 * misspelt policy name in a deployment file would leave the clinic on the default while everyone believes otherwise.
 */
final class PolicyNames {

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern METHOD = Pattern.compile("(?m)^\\s+[\\w<>, ?.]+\\s+(\\w+)\\(\\);");

    private PolicyNames() {
    }

    /** Whether the service maps the environment variable (e.g. CLINIC_BAND_MAX_CONTINUOUS) to a property it reads. */
    static boolean reads(String service, String environmentVariable) {
        for (Map.Entry<String, Set<String>> mapping : mappings(service).entrySet()) {
            String prefix = mapping.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "_";
            if (environmentVariable.startsWith(prefix)
                    && mapping.getValue().contains(camelCase(environmentVariable.substring(prefix.length())))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> mappings(String service) {
        Map<String, Set<String>> mappings = new HashMap<>();
        try (Stream<Path> sources = Files.walk(Repository.file(service + "/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                Matcher prefix = PREFIX.matcher(code);
                if (!prefix.find()) {
                    continue;
                }
                Set<String> methods = mappings.computeIfAbsent(prefix.group(1), p -> new HashSet<>());
                Matcher method = METHOD.matcher(code);
                while (method.find()) {
                    methods.add(method.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mappings;
    }

    private static String camelCase(String environmentName) {
        List<String> words = List.of(environmentName.toLowerCase(Locale.ROOT).split("_"));
        StringBuilder camel = new StringBuilder(words.get(0));
        words.stream().skip(1).filter(w -> !w.isEmpty())
                .forEach(w -> camel.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)));
        return camel.toString();
    }
}
