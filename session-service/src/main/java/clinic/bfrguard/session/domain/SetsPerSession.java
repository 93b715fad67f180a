package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.RuleViolation;

/**
 * The most sets one session may hold ({@code clinic.session.max-sets}). No training session comes near it; it bounds a
 * runaway client that would otherwise fill a session's log, and the screens that show it, without end.
 */
public record SetsPerSession(int maxSets) {

    public SetsPerSession {
        if (maxSets < 1) {
            throw new IllegalArgumentException("clinic.session.max-sets must be at least 1, not " + maxSets);
        }
    }

    /** {@code setsLogged} is how many sets the session holds before this one. */
    public void requireRoomForAnother(long setsLogged) {
        if (setsLogged >= maxSets) {
            throw new RuleViolation("The session already holds " + setsLogged + " sets, the most one session may"
                    + " record (" + maxSets + "); this set was not logged");
        }
    }
}
