package clinic.bfrguard.session.domain;

import java.math.BigDecimal;

/**
 * Something done outside the clinic's guidance. It is recorded and reported, never refused: the log must say what
 * really happened. {@code actual} and {@code limit} are in {@link DeviationRule#unit()}.
 */
public record Deviation(DeviationRule rule, Limb limb, String exercise, BigDecimal actual, BigDecimal limit,
        String message) {

    public String unit() {
        return rule.unit();
    }

    /** {@code 40} rather than {@code 40.0} or {@code 4E+1}, in events and messages alike. */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
