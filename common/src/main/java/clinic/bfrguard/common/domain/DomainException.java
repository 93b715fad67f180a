package clinic.bfrguard.common.domain;

/**
 * A refusal by a domain rule, in words the user can act on. Domain code throws it without knowing about HTTP; the
 * API layer answers it as problem+json (404, 409 or 400 by kind). The message is shown to the user, so it never
 * carries more patient data than the request did.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }
}
