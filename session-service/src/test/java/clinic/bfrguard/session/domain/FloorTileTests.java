package clinic.bfrguard.session.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FloorTileTests {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static Session session(String patient, Instant startedAt) {
        Session s = new Session();
        s.id = UUID.randomUUID();
        s.patientId = patient;
        s.site = "north";
        s.physiotherapist = "physio1";
        s.status = SessionStatus.ACTIVE;
        s.startedAt = startedAt;
        return s;
    }

    private static Band band(Session s, Limb limb, Instant appliedAt, Duration limit, Instant releasedAt) {
        Band b = new Band();
        b.id = UUID.randomUUID();
        b.sessionId = s.id;
        b.limb = limb;
        b.appliedAt = appliedAt;
        b.deadline = appliedAt.plus(limit);
        b.warnAt = b.deadline.minus(Duration.ofMinutes(2));
        b.releasedAt = releasedAt;
        return b;
    }

    private static SymptomReport symptom(Session s, Symptom symptom, Instant at) {
        SymptomReport r = new SymptomReport();
        r.id = UUID.randomUUID();
        r.sessionId = s.id;
        r.symptom = symptom;
        r.reportedAt = at;
        return r;
    }

    @Test
    void aTileShowsTheBandsOnNowAndItsNextDeadlineIsTheSoonestOfTheirs() {
        Session s = session("P-1", T0);
        Band released = band(s, Limb.LEFT_ARM, T0, Duration.ofMinutes(5), T0.plusSeconds(60));
        Band thigh = band(s, Limb.LEFT_THIGH, T0.plusSeconds(120), Duration.ofMinutes(20), null);
        Band arm = band(s, Limb.RIGHT_ARM, T0.plusSeconds(180), Duration.ofMinutes(10), null);

        FloorTile tile = FloorTile.of(s, List.of(arm, released, thigh),
                List.of(symptom(s, Symptom.PAIN, T0.plusSeconds(300)), symptom(s, Symptom.TINGLING, T0.plusSeconds(200))));

        assertThat(tile.bands()).extracting(FloorTile.OnBand::limb).containsExactly(Limb.LEFT_THIGH, Limb.RIGHT_ARM);
        assertThat(tile.nextDeadline()).isEqualTo(arm.deadline);
        assertThat(tile.symptoms()).extracting(FloorTile.Reported::symptom)
                .containsExactly(Symptom.TINGLING, Symptom.PAIN);
        assertThat(tile.physiotherapist()).isEqualTo("physio1");
    }

    @Test
    void theFloorShowsTheSoonestDeadlineFirstAndSessionsWithoutABandLastTheLongestRunningFirst() {
        Session late = session("P-late", T0);
        Session soon = session("P-soon", T0.plusSeconds(600));
        Session bare = session("P-bare", T0.plusSeconds(60));
        Session bareOlder = session("P-bare-older", T0.minusSeconds(60));
        List<FloorTile> tiles = new ArrayList<>(List.of(
                FloorTile.of(late, List.of(band(late, Limb.LEFT_THIGH, T0, Duration.ofMinutes(20), null)), List.of()),
                FloorTile.of(bare, List.of(), List.of()),
                FloorTile.of(soon, List.of(band(soon, Limb.LEFT_ARM, T0.plusSeconds(600), Duration.ofMinutes(5),
                        null)), List.of()),
                FloorTile.of(bareOlder, List.of(), List.of())));

        tiles.sort(FloorTile.SOONEST_DEADLINE_FIRST);

        assertThat(tiles).extracting(FloorTile::patientId)
                .containsExactly("P-soon", "P-late", "P-bare-older", "P-bare");
    }
}
