package clinic.bfrguard.session.domain;

/** Stop symptoms: each is reported to clinicians at once. */
public enum Symptom {
    PAIN, NUMBNESS, TINGLING, DIZZINESS, SKIN_DISCOLOURATION, OTHER
}
