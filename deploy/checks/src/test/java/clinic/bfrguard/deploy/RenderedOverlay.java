package clinic.bfrguard.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** The objects {@code kubectl kustomize deploy/kubernetes/overlays/<name>} renders, rendered once per test run. */
record RenderedOverlay(String name, List<JsonNode> objects) {

    static final List<String> SERVICES = List.of("screening-service", "session-service", "alert-service",
            "notification-service");

    /** The pages' server: no database, no Kafka, no autoscaler, but deployed with the services' safety habits. */
    static final String CONSOLE = "web-console";

    /** Everything built from this repository that runs as a Deployment: the services and the web console. */
    static final List<String> DEPLOYMENTS = Stream.concat(SERVICES.stream(), Stream.of(CONSOLE)).toList();

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    private static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    private static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");

    static RenderedOverlay of(String overlay) {
        RenderedOverlay cached = RENDERED.get(overlay);
        if (cached != null) {
            return cached;
        }
        assumeKustomizeFive();
        RenderedOverlay rendered = new RenderedOverlay(overlay,
                Yaml.documents(DeployTool.kubectl().run("kustomize", "deploy/kubernetes/overlays/" + overlay)));
        RENDERED.put(overlay, rendered);
        return rendered;
    }

    /**
     * The overlays use kustomize 5 features (labels, patches with targets); older kubectl versions (Debian's
     * kubernetes-client 1.20, say) embed a kustomize that cannot render them.
     */
    private static void assumeKustomizeFive() {
        DeployTool kubectl = DeployTool.kubectl();
        kubectl.assumeAvailable();
        String version = kubectl.run("version", "--client");
        Matcher matcher = KUSTOMIZE_VERSION.matcher(version);
        if (!matcher.find() || Integer.parseInt(matcher.group(1)) < 5) {
            DeployTool.unusable("kubectl embeds no kustomize v5 (kubectl version --client: " + version.strip()
                    + "); install kubectl 1.27 or newer");
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String objectName) {
        return ofKind(kind).stream().filter(o -> objectName.equals(o.at("/metadata/name").asText())).findFirst();
    }

    JsonNode get(String kind, String objectName) {
        return find(kind, objectName).orElseThrow(
                () -> new AssertionError("overlay " + name + " renders no " + kind + " named " + objectName));
    }

    /** The service's one container. */
    JsonNode container(String deployment) {
        JsonNode containers = get("Deployment", deployment).at("/spec/template/spec/containers");
        if (containers.size() != 1) {
            throw new AssertionError(deployment + " should have exactly one container, has " + containers.size());
        }
        return containers.get(0);
    }

    /**
     * The Secret volume from which the deployment's container reads {@code file}: the volume of the mount whose path
     * is the file's directory. Fails when no mount holds the file or its volume is not a Secret.
     */
    JsonNode secretVolumeOf(String deployment, String file) {
        JsonNode mount = null;
        for (JsonNode candidate : container(deployment).path("volumeMounts")) {
            if (file.startsWith(candidate.path("mountPath").asText() + "/")) {
                mount = candidate;
            }
        }
        if (mount == null) {
            throw new AssertionError(deployment + " mounts nothing that holds " + file);
        }
        for (JsonNode volume : get("Deployment", deployment).at("/spec/template/spec/volumes")) {
            if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("secret")) {
                return volume.path("secret");
            }
        }
        throw new AssertionError(deployment + " reads " + file + " from no Secret");
    }

    /**
     * The environment the deployment's container starts with, as far as the manifests fix it: the ConfigMaps of
     * {@code envFrom} in order, then {@code env} literals and ConfigMap keys on top. Values from Secrets are left
     * out, and {@code $(VAR)} references stay as written.
     */
    Map<String, String> environment(String deployment) {
        JsonNode container = container(deployment);
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String prefix = source.path("prefix").asText();
                configMap(source.at("/configMapRef/name").asText()).path("data").fields()
                        .forEachRemaining(e -> environment.put(prefix + e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode keyRef = variable.at("/valueFrom/configMapKeyRef");
            if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
            } else if (!keyRef.isMissingNode()) {
                environment.put(name, configMap(keyRef.path("name").asText()).path("data")
                        .path(keyRef.path("key").asText()).asText());
            } else {
                environment.remove(name);
            }
        }
        return environment;
    }

    /** The host names the Ingresses have rules for. */
    List<String> ingressHosts() {
        return ofKind("Ingress").stream().flatMap(i -> ingressHostsOf(i).stream()).toList();
    }

    /** One path of an Ingress's rule for a host, and the Service it sends to. */
    record IngressPath(String ingress, String path, String pathType, String service) {
    }

    /** The paths the Ingresses have for this host, in the order they are written. */
    List<IngressPath> ingressPaths(String host) {
        List<IngressPath> paths = new ArrayList<>();
        for (JsonNode ingress : ofKind("Ingress")) {
            for (JsonNode rule : ingress.at("/spec/rules")) {
                if (host.equals(rule.path("host").asText())) {
                    rule.at("/http/paths").forEach(path -> paths.add(new IngressPath(
                            ingress.at("/metadata/name").asText(), path.path("path").asText(),
                            path.path("pathType").asText(), path.at("/backend/service/name").asText())));
                }
            }
        }
        return paths;
    }

    /**
     * Whether ingress-nginx reads every path of this host as a regular expression: it does once any Ingress with a
     * rule for the host has {@code use-regex} (or a {@code rewrite-target}), whatever Ingress the path is on.
     */
    boolean regexPaths(String host) {
        return ofKind("Ingress").stream()
                .filter(i -> ingressHostsOf(i).contains(host))
                .map(i -> i.at("/metadata/annotations"))
                .anyMatch(a -> "true".equals(a.path(USE_REGEX).asText()) || a.has(REWRITE_TARGET));
    }

    private static List<String> ingressHostsOf(JsonNode ingress) {
        List<String> hosts = new ArrayList<>();
        ingress.at("/spec/rules").forEach(r -> hosts.add(r.path("host").asText()));
        return hosts;
    }

    /**
     * The Service a request for this host and path reaches through the Ingresses. Matched as the Ingress API
     * specifies: an {@code Exact} path first, else the longest {@code Prefix} path whose elements begin the
     * request's path ({@code /api/alerts} matches {@code /api/alerts/stream}, not {@code /api/alertsx}). Where the
     * host's paths are regular expressions ({@link #regexPaths}), matched as ingress-nginx does: each path, of any
     * type, is the case-insensitive expression {@code ^path}, and the paths are tried longest first, the first that
     * matches winning.
     */
    Optional<String> routedService(String host, String requestPath) {
        List<IngressPath> paths = ingressPaths(host);
        if (regexPaths(host)) {
            return paths.stream()
                    .sorted(Comparator.comparingInt((IngressPath p) -> p.path().length()).reversed())
                    .filter(p -> Pattern.compile("^" + p.path(), Pattern.CASE_INSENSITIVE).matcher(requestPath).find())
                    .map(IngressPath::service).findFirst();
        }
        String exact = null;
        String longestPrefix = null;
        String prefixService = null;
        for (IngressPath path : paths) {
            switch (path.pathType()) {
                case "Exact" -> {
                    if (path.path().equals(requestPath)) {
                        exact = path.service();
                    }
                }
                case "Prefix" -> {
                    if (prefixMatches(path.path(), requestPath)
                            && (longestPrefix == null || path.path().length() > longestPrefix.length())) {
                        longestPrefix = path.path();
                        prefixService = path.service();
                    }
                }
                default -> throw new AssertionError("Ingress " + path.ingress() + ": path " + path.path()
                        + " has pathType " + path.pathType() + ", whose matching is up to the ingress controller");
            }
        }
        return Optional.ofNullable(exact != null ? exact : prefixService);
    }

    /** Whether the Ingress API's {@code Prefix} matching sends this request to that path. */
    static boolean prefixMatches(String prefix, String requestPath) {
        String elements = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return elements.isEmpty() || requestPath.equals(elements) || requestPath.startsWith(elements + "/");
    }

    /** Whether a label selector's {@code matchLabels} select a pod with these labels; an empty selector selects all. */
    static boolean selects(JsonNode matchLabels, JsonNode podLabels) {
        for (Map.Entry<String, JsonNode> label : (Iterable<Map.Entry<String, JsonNode>>) matchLabels::fields) {
            if (!label.getValue().asText().equals(podLabels.path(label.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    /** A ConfigMap by the name the manifests use, whatever hash suffix the generator added. */
    JsonNode configMap(String generatedFrom) {
        return ofKind("ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().matches(java.util.regex.Pattern.quote(generatedFrom)
                        + "(-[a-z0-9]{10})?"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + name + " renders no ConfigMap " + generatedFrom));
    }
}
