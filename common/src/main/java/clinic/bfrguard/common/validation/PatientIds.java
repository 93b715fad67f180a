package clinic.bfrguard.common.validation;

import java.util.regex.Pattern;

/**
 * How a patient id looks: the clinic's own identifier, 1 to 64 letters, digits, '-' or '_'. The one rule for the
 * APIs (through {@link PatientId}) and for the consumers, which check every envelope's {@code patientId} before the
 * database sees it.
 */
public final class PatientIds {

    public static final String PATTERN = "^[A-Za-z0-9_-]{1,64}$";
    public static final String MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private PatientIds() {
    }

    public static boolean isValid(String patientId) {
        return patientId != null && COMPILED.matcher(patientId).matches();
    }
}
