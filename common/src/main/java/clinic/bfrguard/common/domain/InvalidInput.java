package clinic.bfrguard.common.domain;

import java.util.Optional;

/**
 * Input that is well formed but that a domain rule rejects whatever the state, such as a systolic pressure that is
 * not above the diastolic (answered 400). When the rule is about one field of the request, the answer names it the
 * way a Bean Validation error does.
 */
public class InvalidInput extends DomainException {

    private final String field;
    private final String fieldMessage;

    public InvalidInput(String message) {
        super(message);
        this.field = null;
        this.fieldMessage = null;
    }

    /** {@code field} of the request is invalid; {@code message} says why, as "must be …". */
    public InvalidInput(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.fieldMessage = message;
    }

    /** The request field the rule rejects, if the rule is about one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** What is wrong with {@link #field()}, without the field's name. */
    public String fieldMessage() {
        return fieldMessage;
    }
}
