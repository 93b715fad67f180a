package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One logged set; {@code setNumber} is the nth set of that exercise in the session. */
@Entity
@Table(name = "exercise_set")
public class ExerciseSet extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(nullable = false)
    public String exercise;

    /** The exercise name compared without case or surrounding blanks, so "Leg press" and "leg press" count together. */
    @Column(name = "exercise_key", nullable = false)
    public String exerciseKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Limb limb;

    @Column(name = "load_percent_one_rm", nullable = false)
    public BigDecimal loadPercentOneRm;

    @Column(nullable = false)
    public int reps;

    public Integer rpe;

    @Column(name = "set_number", nullable = false)
    public int setNumber;

    @Column(name = "logged_by", nullable = false)
    public String loggedBy;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;

    public static String keyOf(String exercise) {
        return exercise.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public static long countOf(UUID sessionId, String exerciseKey) {
        return count("sessionId = ?1 and exerciseKey = ?2", sessionId, exerciseKey);
    }

    public static long countInSession(UUID sessionId) {
        return count("sessionId", sessionId);
    }

    public static List<ExerciseSet> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by loggedAt, setNumber", sessionId);
    }

    /** The sets of several sessions in one query, each session's in the order of {@link #ofSession}. */
    public static List<ExerciseSet> ofSessions(Collection<UUID> sessionIds) {
        return list("sessionId in ?1 order by loggedAt, setNumber, id", sessionIds);
    }
}
