package clinic.bfrguard.screening.domain;

/** What a screening decided, from the mildest to the strictest. */
public enum Outcome {
    /** 0 points: the patient may train. */
    CLEARED,
    /** Some risk: a clinician must clear the screening before the patient trains. */
    REVIEW_REQUIRED,
    /** No BFR for this patient. */
    CONTRAINDICATED;

    /** Whether this outcome lets the patient nearer to training than {@code other} does. */
    public boolean isMilderThan(Outcome other) {
        return compareTo(other) < 0;
    }
}
