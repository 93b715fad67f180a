package clinic.bfrguard.common.domain;

/**
 * A change that a clinical or lifecycle rule refuses in the record's current state: a session for a patient who may
 * not train, a second band on a limb, a clearance of a screening that needs none (answered 409).
 */
public class RuleViolation extends DomainException {

    public RuleViolation(String message) {
        super(message);
    }
}
