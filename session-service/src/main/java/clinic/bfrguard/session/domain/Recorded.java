package clinic.bfrguard.session.domain;

import java.util.List;

/** Something logged on a session, with the guideline deviations it caused. */
public record Recorded<T>(T entry, List<RecordedDeviation> deviations) {
}
