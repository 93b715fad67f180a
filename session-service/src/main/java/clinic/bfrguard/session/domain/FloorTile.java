package clinic.bfrguard.session.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One active session as the clinic floor shows it: who trains with whom, the bands on now with their times, and
 * the symptoms reported. A completed session's last tile says so ({@code status} COMPLETED) and leaves the floor.
 */
public record FloorTile(UUID sessionId, String patientId, String site, String physiotherapist, SessionStatus status,
        Instant startedAt, List<OnBand> bands, List<Reported> symptoms, Instant nextDeadline) {

    /** Soonest deadline first; sessions without a band on after them, the longest running first. */
    public static final Comparator<FloorTile> SOONEST_DEADLINE_FIRST = Comparator
            .comparing(FloorTile::nextDeadline, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FloorTile::startedAt)
            .thenComparing(FloorTile::sessionId);

    /** A band on the patient now. */
    public record OnBand(UUID bandId, Limb limb, Instant appliedAt, Instant warnAt, Instant deadline) {
    }

    /** A symptom reported in the session. */
    public record Reported(Symptom symptom, Instant reportedAt) {
    }

    /**
     * The tile of {@code session} from its bands and symptoms: released bands are left out, bands in the order they
     * were applied, symptoms in the order they were reported.
     */
    public static FloorTile of(Session session, List<Band> bands, List<SymptomReport> symptoms) {
        List<OnBand> on = bands.stream().filter(Band::isOn)
                .sorted(Comparator.comparing((Band b) -> b.appliedAt).thenComparing(b -> b.limb))
                .map(b -> new OnBand(b.id, b.limb, b.appliedAt, b.warnAt, b.deadline)).toList();
        List<Reported> reported = symptoms.stream().sorted(Comparator.comparing((SymptomReport r) -> r.reportedAt))
                .map(r -> new Reported(r.symptom, r.reportedAt)).toList();
        Instant next = on.stream().map(OnBand::deadline).min(Comparator.naturalOrder()).orElse(null);
        return new FloorTile(session.id, session.patientId, session.site, session.physiotherapist, session.status,
                session.startedAt, on, reported, next);
    }
}
