package clinic.bfrguard.notification.domain;

import java.time.Instant;

/**
 * An override of the rotation: {@code member} is on call for step {@code step} from {@code from} (included) to
 * {@code to} (excluded), whoever the rotation would have had, as when a colleague is ill or swaps a night.
 */
public record Cover(int step, String member, Instant from, Instant to) {
}
