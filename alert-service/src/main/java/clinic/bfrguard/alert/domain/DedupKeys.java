package clinic.bfrguard.alert.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * One alert per cause: every cause has a key, and a second event with the same key adds an occurrence to the
 * existing alert instead of raising another one.
 */
public final class DedupKeys {

    private DedupKeys() {
    }

    /** A screening's alert: the screening is the cause. */
    public static String screening(AlertType type, UUID screeningId) {
        return type + ":" + screeningId;
    }

    /** A band's timing alert: the band and the type (a warning and an overrun of one band are two alerts). */
    public static String band(AlertType type, UUID bandId) {
        return type + ":" + bandId;
    }

    /** A symptom: the same symptom reported twice in one session is one alert with two occurrences. */
    public static String symptom(UUID sessionId, Symptom symptom) {
        return AlertType.ADVERSE_SYMPTOM + ":" + sessionId + ":" + symptom;
    }

    /** The symptom of a symptom's alert, from its key; empty for every other alert. */
    public static Optional<Symptom> symptomOf(String dedupKey) {
        String prefix = AlertType.ADVERSE_SYMPTOM + ":";
        if (dedupKey == null || !dedupKey.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = dedupKey.substring(dedupKey.lastIndexOf(':') + 1);
        try {
            return Optional.of(Symptom.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A deviation: per session, rule and what it is about. Load and sets are about an exercise, pressure and
     * reperfusion about a limb; whichever is given serves when the preferred one is missing.
     */
    public static String deviation(UUID sessionId, DeviationRule rule, String limb, String exercise) {
        String subject = switch (rule) {
            case LOAD, SETS_PER_EXERCISE -> firstPresent(exercise, limb);
            case PERCEIVED_PRESSURE, REPERFUSION -> firstPresent(limb, exercise);
        };
        return AlertType.GUIDELINE_DEVIATION + ":" + sessionId + ":" + rule + ":" + subject;
    }

    private static String firstPresent(String preferred, String fallback) {
        if (preferred != null && !preferred.isBlank()) {
            return preferred;
        }
        return fallback != null && !fallback.isBlank() ? fallback : "-";
    }
}
