package clinic.bfrguard.common.events;

import java.util.UUID;

/**
 * A record the stopping service did not apply. It is neither dead-lettered nor acknowledged (see
 * {@link HoldWhileStopping}), so its offset is not committed and it is delivered again.
 */
public class HeldForRedelivery extends RuntimeException {

    public HeldForRedelivery(UUID eventId) {
        super("event " + eventId + " is left for redelivery: the service is stopping", null, false, false);
    }

    /** Whether {@code failure}, or one of its causes, is a held record. */
    public static boolean isHeld(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HeldForRedelivery) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
