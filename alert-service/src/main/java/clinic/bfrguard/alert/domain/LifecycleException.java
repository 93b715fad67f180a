package clinic.bfrguard.alert.domain;

/** A lifecycle step that the alert's current state does not allow (answered with 409). */
public class LifecycleException extends RuntimeException {

    public LifecycleException(String message) {
        super(message);
    }
}
