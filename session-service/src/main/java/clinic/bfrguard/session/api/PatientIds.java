package clinic.bfrguard.session.api;

/** How a patient id looks: the clinic's own identifier, 1 to 64 letters, digits, '-' or '_'. */
final class PatientIds {

    static final String PATTERN = "^[A-Za-z0-9_-]{1,64}$";
    static final String MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private PatientIds() {
    }
}
