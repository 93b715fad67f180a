package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.audit.Audit;
import clinic.bfrguard.common.domain.RecordNotFound;
import clinic.bfrguard.common.domain.RuleViolation;
import clinic.bfrguard.session.events.SessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions, bands, sets and symptoms: each change and its events commit in one transaction. Every change locks its
 * session row first, so concurrent requests on one session (two tablets, a double tap) queue instead of racing for
 * the same limb or set number.
 */
@ApplicationScoped
@Transactional
public class SessionService {

    /** Routine changes log at DEBUG (the audit trail records each of them); guideline deviations at INFO. */
    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final BandPolicy bandPolicy;
    private final GuidelinePolicy guidelines;
    private final ExerciseCatalogue exercises;
    private final SetsPerSession setsPerSession;
    private final SessionEvents events;
    private final Event<BandScheduled> bandScheduled;
    private final Audit audit;
    private final Clock clock;

    public SessionService(BandPolicy bandPolicy, GuidelinePolicy guidelines, ExerciseCatalogue exercises,
            SetsPerSession setsPerSession, SessionEvents events, Event<BandScheduled> bandScheduled, Audit audit,
            Clock clock) {
        this.bandPolicy = bandPolicy;
        this.guidelines = guidelines;
        this.exercises = exercises;
        this.setsPerSession = setsPerSession;
        this.events = events;
        this.bandScheduled = bandScheduled;
        this.audit = audit;
        this.clock = clock;
    }

    /** A patient last screened at a site the physiotherapist does not belong to is, to them, not screened. */
    public Session start(String patientId, String physiotherapist, Collection<String> sites) {
        Instant now = now();
        // Locking the patient's eligibility row serialises starts for one patient and holds off a screening
        // update until the decision is made.
        PatientEligibility view = PatientEligibility.<PatientEligibility>findByIdOptional(patientId,
                LockModeType.PESSIMISTIC_WRITE).filter(v -> sites.contains(v.site)).orElse(null);
        SessionRules.requireEligible(view == null ? null : view.snapshot(), now);
        SessionRules.requireNoActiveSession(Session.activeFor(patientId));
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.patientId = patientId;
        session.site = view.site;
        session.physiotherapist = physiotherapist;
        session.status = SessionStatus.ACTIVE;
        session.startedAt = now;
        session.persist();
        events.sessionStarted(session);
        audit.record(physiotherapist, SessionEvents.SESSION_STARTED, "session", session.id, patientId);
        LOG.debugf("Session %s started", session.id);
        return session;
    }

    public Recorded<Band> applyBand(UUID sessionId, Limb limb, int perceivedPressure, Integer pressureMmHg,
            String physiotherapist, Collection<String> sites) {
        Session session = activeSession(sessionId, sites);
        Instant now = now();
        PatientEligibility view = PatientEligibility.findById(session.patientId);
        ScreeningSnapshot screening = view == null ? null : view.snapshot();
        // A screening that arrived during the session (contraindicated, expired) stops further bands too.
        SessionRules.requireEligible(screening, now);
        SessionRules.requireLimbFree(limb, Band.limbsBanded(sessionId));
        SessionRules.requireLimbNotRestricted(limb, screening.limbRestrictions());

        BandTiming timing = bandPolicy.timing(limb, now);
        Band band = new Band();
        band.id = UUID.randomUUID();
        band.sessionId = sessionId;
        band.patientId = session.patientId;
        band.site = session.site;
        band.limb = limb;
        band.perceivedPressure = perceivedPressure;
        band.pressureMmHg = pressureMmHg;
        band.appliedBy = physiotherapist;
        band.appliedAt = timing.appliedAt();
        band.warnAt = timing.warnAt();
        band.deadline = timing.deadline();
        band.limitSeconds = timing.limitSeconds();
        Optional<Instant> lastReleased = Band.lastReleased(session.patientId, limb);
        band.persist();
        events.bandApplied(band);
        audit.record(physiotherapist, SessionEvents.BAND_APPLIED, "band", band.id, band.patientId);

        List<Deviation> found = new ArrayList<>();
        guidelines.pressureDeviation(limb, perceivedPressure).ifPresent(found::add);
        bandPolicy.reperfusionDeviation(limb, lastReleased.orElse(null), now).ifPresent(found::add);
        List<RecordedDeviation> deviations = record(session, found, band.id, null, now);
        bandScheduled.fire(new BandScheduled(band.warnAt, band.deadline));
        LOG.debugf("Band %s applied in session %s, deadline %s", band.id, sessionId, band.deadline);
        return new Recorded<>(band, deviations);
    }

    public Band releaseBand(UUID sessionId, UUID bandId, String physiotherapist, Collection<String> sites) {
        Session session = activeSession(sessionId, sites);
        // The band row lock keeps the release and the band timer from deciding about the same band at once.
        Band band = Band.<Band>findByIdOptional(bandId, LockModeType.PESSIMISTIC_WRITE)
                .filter(b -> b.sessionId.equals(session.id))
                .orElseThrow(() -> new RecordNotFound("Band", bandId));
        if (!band.isOn()) {
            throw new RuleViolation("The band on " + band.limb + " was already released at "
                    + band.releasedAt);
        }
        band.releasedAt = now();
        band.releasedBy = physiotherapist;
        events.bandReleased(band);
        audit.record(physiotherapist, SessionEvents.BAND_RELEASED, "band", band.id, band.patientId);
        LOG.debugf("Band %s released after %d s", band.id, SessionEvents.wornSeconds(band));
        return band;
    }

    public Recorded<ExerciseSet> logSet(UUID sessionId, String exerciseCode, Limb limb, BigDecimal loadPercentOneRm,
            int reps, Integer rpe, String physiotherapist, Collection<String> sites) {
        Exercise exercise = exercises.require(exerciseCode);
        Session session = activeSession(sessionId, sites);
        // under the session's lock, so that concurrent sets cannot pass the cap together
        setsPerSession.requireRoomForAnother(ExerciseSet.countInSession(sessionId));
        Instant now = now();
        ExerciseSet set = new ExerciseSet();
        set.id = UUID.randomUUID();
        set.sessionId = sessionId;
        set.exercise = exercise.code();
        set.exerciseKey = ExerciseSet.keyOf(exercise.code());
        set.limb = limb;
        set.loadPercentOneRm = loadPercentOneRm;
        set.reps = reps;
        set.rpe = rpe;
        set.setNumber = (int) ExerciseSet.countOf(sessionId, set.exerciseKey) + 1;
        set.loggedBy = physiotherapist;
        set.loggedAt = now;
        set.persist();
        events.setLogged(session, set);
        audit.record(physiotherapist, SessionEvents.SET_LOGGED, "set", set.id, session.patientId);

        List<Deviation> found = new ArrayList<>();
        guidelines.loadDeviation(exercise, limb, loadPercentOneRm).ifPresent(found::add);
        guidelines.setsDeviation(exercise, limb, set.setNumber).ifPresent(found::add);
        return new Recorded<>(set, record(session, found, null, set.id, now));
    }

    public SymptomReport reportSymptom(UUID sessionId, Symptom symptom, String note, String physiotherapist,
            Collection<String> sites) {
        Session session = activeSession(sessionId, sites);
        SymptomReport report = new SymptomReport();
        report.id = UUID.randomUUID();
        report.sessionId = sessionId;
        report.symptom = symptom;
        report.note = note;
        report.reportedBy = physiotherapist;
        report.reportedAt = now();
        report.persist();
        events.symptomReported(session, report);
        audit.record(physiotherapist, SessionEvents.SYMPTOM_REPORTED, "symptom", report.id, session.patientId);
        LOG.debugf("Symptom %s reported in session %s", symptom, sessionId);
        return report;
    }

    /** Completes the session and answers with everything logged on it, read in the same transaction. */
    public SessionDetails complete(UUID sessionId, String physiotherapist, Collection<String> sites) {
        Session session = activeSession(sessionId, sites);
        SessionRules.requireNoBandOn(Band.limbsBanded(sessionId));
        session.status = SessionStatus.COMPLETED;
        session.completedBy = physiotherapist;
        session.completedAt = now();
        events.sessionCompleted(session);
        audit.record(physiotherapist, SessionEvents.SESSION_COMPLETED, "session", session.id, session.patientId);
        LOG.debugf("Session %s completed", sessionId);
        return details(session);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionDetails get(UUID sessionId, Collection<String> sites) {
        return details(Session.<Session>findByIdOptional(sessionId)
                .filter(s -> sites.contains(s.site))
                .orElseThrow(() -> new RecordNotFound("Session", sessionId)));
    }

    private static SessionDetails details(Session session) {
        return new SessionDetails(session, Band.ofSession(session.id), ExerciseSet.ofSession(session.id),
                SymptomReport.ofSession(session.id), RecordedDeviation.ofSession(session.id));
    }

    /**
     * The patient's sessions at the caller's sites, newest first, each with everything logged on it: one query for
     * the sessions and one for each kind of entry, however many sessions there are.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SessionDetails> history(String patientId, Collection<String> sites, int limit) {
        List<Session> sessions = Session.search(patientId, null, sites, limit);
        if (sessions.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = sessions.stream().map(s -> s.id).toList();
        return SessionDetails.of(sessions, Band.ofSessions(ids), ExerciseSet.ofSessions(ids),
                SymptomReport.ofSessions(ids), RecordedDeviation.ofSessions(ids));
    }

    /**
     * The clinic floor: every active session of the caller's sites (at most {@code limit}) as a tile, soonest
     * deadline first; three queries however many sessions there are.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FloorTile> floor(Collection<String> sites, int limit) {
        List<Session> sessions = Session.search(null, SessionStatus.ACTIVE, sites, limit);
        if (sessions.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = sessions.stream().map(s -> s.id).toList();
        return SessionDetails.of(sessions, Band.ofSessions(ids), List.of(), SymptomReport.ofSessions(ids), List.of())
                .stream().map(d -> FloorTile.of(d.session(), d.bands(), d.symptoms()))
                .sorted(FloorTile.SOONEST_DEADLINE_FIRST).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Session> search(String patientId, SessionStatus status, Collection<String> sites, int limit) {
        return Session.search(patientId, status, sites, limit);
    }

    /**
     * Millisecond precision: what the API answers and what the events carry must be what the database holds
     * (microseconds), or a deadline would read differently in BandApplied and in BandTimeOverrun.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Another site's session is, to this caller, a session that does not exist. */
    private Session activeSession(UUID sessionId, Collection<String> sites) {
        Session session = Session.<Session>findByIdOptional(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .filter(s -> sites.contains(s.site))
                .orElseThrow(() -> new RecordNotFound("Session", sessionId));
        SessionRules.requireActive(session.status);
        return session;
    }

    private List<RecordedDeviation> record(Session session, List<Deviation> deviations, UUID bandId, UUID setId,
            Instant now) {
        List<RecordedDeviation> recorded = new ArrayList<>(deviations.size());
        for (Deviation d : deviations) {
            RecordedDeviation row = new RecordedDeviation();
            row.id = UUID.randomUUID();
            row.sessionId = session.id;
            row.rule = d.rule();
            row.limb = d.limb();
            row.exercise = d.exercise();
            row.bandId = bandId;
            row.setId = setId;
            row.actual = d.actual();
            row.limit = d.limit();
            row.unit = d.unit();
            row.message = d.message();
            row.occurredAt = now;
            row.persist();
            events.guidelineDeviation(session, row);
            recorded.add(row);
            LOG.infof("Guideline deviation %s in session %s", d.rule(), session.id);
        }
        return recorded;
    }
}
