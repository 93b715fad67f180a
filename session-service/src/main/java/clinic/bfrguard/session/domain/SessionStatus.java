package clinic.bfrguard.session.domain;

public enum SessionStatus {
    ACTIVE, COMPLETED
}
