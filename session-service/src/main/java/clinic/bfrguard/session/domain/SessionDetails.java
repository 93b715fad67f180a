package clinic.bfrguard.session.domain;

import java.util.List;

/** A session with everything logged on it. */
public record SessionDetails(Session session, List<Band> bands, List<ExerciseSet> sets, List<SymptomReport> symptoms,
        List<RecordedDeviation> deviations) {
}
