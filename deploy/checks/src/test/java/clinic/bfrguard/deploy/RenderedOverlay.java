package clinic.bfrguard.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** The objects {@code kubectl kustomize deploy/kubernetes/overlays/<name>} renders, rendered once per test run. */
record RenderedOverlay(String name, List<JsonNode> objects) {

    static final List<String> SERVICES = List.of("screening-service", "session-service", "alert-service");

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

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

    /** A ConfigMap by the name the manifests use, whatever hash suffix the generator added. */
    JsonNode configMap(String generatedFrom) {
        return ofKind("ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().matches(java.util.regex.Pattern.quote(generatedFrom)
                        + "(-[a-z0-9]{10})?"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + name + " renders no ConfigMap " + generatedFrom));
    }
}
