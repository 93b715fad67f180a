package clinic.bfrguard.screening.domain;

/** One counted risk: its code, its points and, in words, why it was counted. */
public record Reason(String code, int points, String message) {
}
