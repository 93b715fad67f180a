package clinic.bfrguard.notification.domain;

import java.time.Instant;

/**
 * Who is on call for one step at a given moment, and for which span: {@code from} (included) to {@code until}
 * (excluded) is the uninterrupted assignment that moment falls in, so a page can say until when the person is
 * responsible. {@code cover} tells an override from the rotation.
 */
public record OnCall(int step, String stepName, String member, Instant from, Instant until, boolean cover) {
}
