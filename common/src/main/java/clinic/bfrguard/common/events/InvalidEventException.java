package clinic.bfrguard.common.events;

/** A record that can never be processed, whatever the retries: it belongs on the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
