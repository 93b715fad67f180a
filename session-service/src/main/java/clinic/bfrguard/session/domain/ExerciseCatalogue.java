package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.InvalidInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The exercises the clinic logs sets of ({@code clinic.exercises}), in the order the console offers them. A set names
 * one of them by its code: progress is only comparable per exercise, which free text ("leg press", "Leg-Press",
 * "legpress") would split.
 */
public final class ExerciseCatalogue {

    /** Upper-case words of letters and digits joined by single underscores: {@code LEG_PRESS}, {@code STEP_UP}. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    /** What a set's exercise column holds. */
    private static final int MAX_CODE_LENGTH = 100;

    private final Map<String, Exercise> byCode = new LinkedHashMap<>();

    /** Refuses a catalogue that could not be logged against, so a bad deployment stops at start and says why. */
    public ExerciseCatalogue(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("clinic.exercises is empty: the clinic needs at least one exercise");
        }
        List<String> problems = new ArrayList<>();
        for (String code : codes) {
            if (code == null || !CODE.matcher(code).matches() || code.length() > MAX_CODE_LENGTH) {
                problems.add("'" + code + "' is not an exercise code (upper-case letters and digits in words joined"
                        + " by _, at most " + MAX_CODE_LENGTH + " characters, e.g. LEG_PRESS)");
            } else if (byCode.putIfAbsent(code, Exercise.of(code)) != null) {
                problems.add(code + " is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("clinic.exercises: " + String.join("; ", problems));
        }
    }

    public List<Exercise> exercises() {
        return List.copyOf(byCode.values());
    }

    /** The exercise a set names; anything but one of the catalogue's codes, exactly, is refused. */
    public Exercise require(String code) {
        Exercise exercise = code == null ? null : byCode.get(code);
        if (exercise == null) {
            throw new InvalidInput("exercise", "must be one of the clinic's exercises (GET /api/exercises): "
                    + String.join(", ", byCode.keySet()));
        }
        return exercise;
    }
}
