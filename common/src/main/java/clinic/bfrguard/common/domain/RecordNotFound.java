package clinic.bfrguard.common.domain;

/** The record asked for does not exist (answered 404). */
public class RecordNotFound extends DomainException {

    public RecordNotFound(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
