package clinic.bfrguard.session.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A session with everything logged on it. */
public record SessionDetails(Session session, List<Band> bands, List<ExerciseSet> sets, List<SymptomReport> symptoms,
        List<RecordedDeviation> deviations) {

    /**
     * Each of {@code sessions}, in their order, with what the lists of all their bands, sets, symptoms and deviations
     * hold for it, in the lists' order; what belongs to none of them is left out.
     */
    public static List<SessionDetails> of(List<Session> sessions, List<Band> bands, List<ExerciseSet> sets,
            List<SymptomReport> symptoms, List<RecordedDeviation> deviations) {
        Map<UUID, List<Band>> bandsOf = bySession(bands, b -> b.sessionId);
        Map<UUID, List<ExerciseSet>> setsOf = bySession(sets, s -> s.sessionId);
        Map<UUID, List<SymptomReport>> symptomsOf = bySession(symptoms, s -> s.sessionId);
        Map<UUID, List<RecordedDeviation>> deviationsOf = bySession(deviations, d -> d.sessionId);
        return sessions.stream().map(s -> new SessionDetails(s, bandsOf.getOrDefault(s.id, List.of()),
                setsOf.getOrDefault(s.id, List.of()), symptomsOf.getOrDefault(s.id, List.of()),
                deviationsOf.getOrDefault(s.id, List.of()))).toList();
    }

    private static <T> Map<UUID, List<T>> bySession(List<T> entries, Function<T, UUID> sessionOf) {
        return entries.stream().collect(Collectors.groupingBy(sessionOf));
    }
}
