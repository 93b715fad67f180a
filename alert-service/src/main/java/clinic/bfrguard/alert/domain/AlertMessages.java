package clinic.bfrguard.alert.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The words of every alert. Each message names the patient, what is affected, the values that matter and what to
 * do, because an alert a clinician cannot act on is noise. Limbs, exercises and screening reasons are named in
 * words, not by their codes ("the band on the left upper thigh", "on leg press"), since the message is read as is
 * on the board, in an e-mail and on a phone's lock screen. Free-text notes are never copied in: the clinician
 * opens the session for those.
 */
public final class AlertMessages {

    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private AlertMessages() {
    }

    /** A screening reason, as the screening-service reports it. */
    public record ScreeningReason(String code, int points) {
    }

    public static String contraindicationFlagged(String patientId, int totalPoints, List<ScreeningReason> reasons) {
        return "Patient " + patientId + ": no BFR training, screening scored " + totalPoints
                + " points (contraindicated from 5)" + reasonList(reasons)
                + ". Review the screening and plan exercise without blood flow restriction.";
    }

    public static String clearanceRequired(String patientId, int totalPoints, List<ScreeningReason> reasons) {
        return "Patient " + patientId + ": screening scored " + totalPoints + " point" + (totalPoints == 1 ? "" : "s")
                + reasonList(reasons)
                + ". Review it and grant clearance, or refer the patient, before any BFR session.";
    }

    public static String bandTimeWarning(String patientId, String limb, Instant appliedAt, Instant deadline,
            Instant raisedAt) {
        Duration left = Duration.between(raisedAt, deadline);
        return "Patient " + patientId + ": the band on the " + limbName(limb) + " must come off by "
                + CLOCK_TIME.format(deadline)
                + " (" + (left.isNegative() ? "now" : "in " + duration(left)) + "), on for "
                + duration(Duration.between(appliedAt, raisedAt)) + ". Finish the set and release it in time.";
    }

    public static String bandTimeOverrun(String patientId, String limb, Instant appliedAt, Instant raisedAt,
            long limitSeconds) {
        return "Patient " + patientId + ": release the band on the " + limbName(limb) + " now: on for "
                + duration(Duration.between(appliedAt, raisedAt)) + ", limit "
                + duration(Duration.ofSeconds(limitSeconds));
    }

    /** The overrun after the band came off: what remains to do is checking the limb. */
    public static String bandTimeOverrunReleased(String patientId, String limb, long wornSeconds, long limitSeconds,
            Instant releasedAt) {
        return "Patient " + patientId + ": the band on the " + limbName(limb) + " was on for "
                + duration(Duration.ofSeconds(wornSeconds)) + ", limit " + duration(Duration.ofSeconds(limitSeconds))
                + ", released at " + CLOCK_TIME.format(releasedAt)
                + ". Check the limb (colour, sensation, pain, swelling) and record the review.";
    }

    public static String adverseSymptom(String patientId, Symptom symptom) {
        String action = switch (symptom) {
            case NUMBNESS -> "Release all bands now and check sensation and pulse in the limb";
            case TINGLING -> "Release the band and check sensation before any further set";
            case DIZZINESS -> "Release all bands now, lie the patient down and check blood pressure";
            case SKIN_DISCOLOURATION -> "Release the band now and check colour and capillary refill";
            case PAIN -> "Stop the set, release or loosen the band and assess the pain";
            case OTHER -> "Assess the patient and read the symptom note in the session log";
        };
        return "Patient " + patientId + ": " + symptomName(symptom) + " reported during a BFR session. " + action
                + ".";
    }

    public static String guidelineDeviation(String patientId, DeviationRule rule, String limb, String exercise,
            BigDecimal actual, BigDecimal limit, String unit) {
        String where = where(limb, exercise);
        return switch (rule) {
            case LOAD -> "Patient " + patientId + ": load " + value(actual, unit) + where + " is above the guideline of "
                    + value(limit, unit) + ". Reduce the load to " + value(limit, unit) + " or less.";
            case PERCEIVED_PRESSURE -> "Patient " + patientId + ": band pressure " + value(actual, unit) + where
                    + " is above the guideline of " + value(limit, unit) + ". Loosen the band to "
                    + value(limit, unit) + " or less.";
            case SETS_PER_EXERCISE -> "Patient " + patientId + ": " + plain(actual) + " sets" + where
                    + ", above the guideline of " + plain(limit)
                    + ". Stop this exercise under BFR for this session.";
            case REPERFUSION -> "Patient " + patientId + ": band re-applied" + where + " after "
                    + duration(seconds(actual)) + " off, guideline at least " + duration(seconds(limit))
                    + ". Release it and let the limb recover before banding again.";
        };
    }

    /** "20 min 03 s", "45 s", "20 min": short enough for a phone screen, exact to the second. */
    public static String duration(Duration duration) {
        long total = Math.max(0, duration.getSeconds());
        long minutes = total / 60;
        long seconds = total % 60;
        if (minutes == 0) {
            return seconds + " s";
        }
        return seconds == 0 ? minutes + " min" : minutes + " min " + String.format("%02d", seconds) + " s";
    }

    private static Duration seconds(BigDecimal value) {
        return Duration.ofSeconds(value.setScale(0, java.math.RoundingMode.HALF_UP).longValue());
    }

    private static String reasonList(List<ScreeningReason> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            return "";
        }
        return ": " + reasons.stream().map(r -> words(r.code()) + " (" + r.points() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String where(String limb, String exercise) {
        boolean hasLimb = limb != null && !limb.isBlank();
        boolean hasExercise = exercise != null && !exercise.isBlank();
        if (hasExercise && hasLimb) {
            return " on " + words(exercise) + " (" + limbName(limb) + ")";
        }
        if (hasExercise) {
            return " on " + words(exercise);
        }
        return hasLimb ? " on the " + limbName(limb) : "";
    }

    /** Where the band sits, as the clinic says it: {@code LEFT_THIGH} is "left upper thigh". */
    public static String limbName(String limb) {
        return switch (limb) {
            case "LEFT_ARM" -> "left upper arm";
            case "RIGHT_ARM" -> "right upper arm";
            case "LEFT_THIGH" -> "left upper thigh";
            case "RIGHT_THIGH" -> "right upper thigh";
            default -> words(limb);
        };
    }

    /** A code in words, within a sentence: {@code LEG_PRESS} is "leg press", {@code AGE_OVER_60} "age over 60". */
    public static String words(String code) {
        return code.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static String value(BigDecimal value, String unit) {
        if (unit == null || unit.isBlank()) {
            return plain(value);
        }
        return unit.startsWith("/") ? plain(value) + unit : plain(value) + " " + unit;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String symptomName(Symptom symptom) {
        String name = symptom.name().replace('_', ' ').toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
