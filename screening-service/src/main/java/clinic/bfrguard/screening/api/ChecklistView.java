package clinic.bfrguard.screening.api;

import clinic.bfrguard.screening.domain.ConditionCode;
import clinic.bfrguard.screening.domain.LimbConditionCode;
import clinic.bfrguard.screening.domain.ScreeningPolicy;

import java.util.Arrays;
import java.util.List;

/**
 * The screening form's checklist as the service scores it: every condition with its label and its points under the
 * clinic's configuration, and the limb conditions, which carry no points.
 */
public record ChecklistView(List<Condition> conditions, List<LimbCondition> limbConditions) {

    public record Condition(ConditionCode code, String label, int points) {
    }

    public record LimbCondition(LimbConditionCode code, String label) {
    }

    static ChecklistView of(ScreeningPolicy policy) {
        return new ChecklistView(
                Arrays.stream(ConditionCode.values())
                        .map(code -> new Condition(code, code.description(), policy.pointsOf(code)))
                        .toList(),
                Arrays.stream(LimbConditionCode.values())
                        .map(code -> new LimbCondition(code, capitalised(code.description())))
                        .toList());
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
