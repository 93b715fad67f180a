package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.domain.Delivery;

/**
 * A way to reach a person: e-mail, a webhook, and (with the web console's service worker) Web Push. A channel
 * hands one delivery over and says whether the other side accepted it; it never retries itself, the sender does.
 */
public interface Channel {

    /** Whether this channel sends deliveries of {@code channel} ({@code email}, {@code webhook:<name>}, ...). */
    boolean sends(String channel);

    /** Hands the delivery over; blocking, bounded by the channel's timeout. Never throws for a refusal. */
    Outcome send(Delivery delivery);

    /**
     * What the other side answered. {@code gone}: the address no longer exists and never will again (a push service's
     * 404 or 410), so retrying is pointless and the contact point is forgotten.
     */
    record Outcome(boolean accepted, boolean gone, String detail) {

        public static Outcome accepted(String detail) {
            return new Outcome(true, false, detail);
        }

        public static Outcome refused(String detail) {
            return new Outcome(false, false, detail);
        }

        public static Outcome gone(String detail) {
            return new Outcome(false, true, detail);
        }
    }
}
