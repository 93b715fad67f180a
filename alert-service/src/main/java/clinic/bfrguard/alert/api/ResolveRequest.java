package clinic.bfrguard.alert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of a resolution; the note is optional. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveRequest(String note) {

    public static final int MAX_NOTE = 2000;
}
