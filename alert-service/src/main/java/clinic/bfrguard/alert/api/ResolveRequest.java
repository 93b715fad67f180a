package clinic.bfrguard.alert.api;

import jakarta.validation.constraints.Size;

/** Body of a resolution; the note is optional. */
public record ResolveRequest(@Size(max = 2000, message = "must be at most 2000 characters") String note) {
}
