package clinic.bfrguard.notification.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One step of an on-call schedule (step 0 is called first, then 1, ...): its members take turns, each for
 * {@code shiftDays} days. A null {@code shiftDays} means a week, as most rotas are weekly.
 */
public record RotationStep(String name, List<String> members, Integer shiftDays) {

    public RotationStep {
        // Null entries are kept so that validation can name them instead of failing on the copy.
        members = members == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(members));
    }
}
