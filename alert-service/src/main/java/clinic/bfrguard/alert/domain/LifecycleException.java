package clinic.bfrguard.alert.domain;

import clinic.bfrguard.common.domain.RuleViolation;

/** A lifecycle step that the alert's current state does not allow (answered with 409). */
public class LifecycleException extends RuleViolation {

    public LifecycleException(String message) {
        super(message);
    }
}
