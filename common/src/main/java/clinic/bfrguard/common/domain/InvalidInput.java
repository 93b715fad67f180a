package clinic.bfrguard.common.domain;

/**
 * Input that is well formed but that a domain rule rejects whatever the state, such as a systolic pressure that is
 * not above the diastolic (answered 400).
 */
public class InvalidInput extends DomainException {

    public InvalidInput(String message) {
        super(message);
    }
}
