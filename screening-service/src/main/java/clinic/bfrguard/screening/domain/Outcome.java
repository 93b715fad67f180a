package clinic.bfrguard.screening.domain;

public enum Outcome {
    /** 0 points: the patient may train. */
    CLEARED,
    /** Some risk: a clinician must clear the screening before the patient trains. */
    REVIEW_REQUIRED,
    /** No BFR for this patient. */
    CONTRAINDICATED
}
