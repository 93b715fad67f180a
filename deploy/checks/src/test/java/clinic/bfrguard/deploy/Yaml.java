package clinic.bfrguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** YAML documents as Jackson trees. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    static List<JsonNode> documents(String yaml) {
        try (MappingIterator<JsonNode> documents = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    all.add(document);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode document(String yaml) {
        List<JsonNode> all = documents(yaml);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + all.size());
        }
        return all.get(0);
    }
}
