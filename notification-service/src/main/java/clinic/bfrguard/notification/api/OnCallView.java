package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.domain.OnCall;
import clinic.bfrguard.notification.domain.OnCallSchedule;

import java.util.List;

/**
 * A site's on-call: who is on call now at each step (with the end of their turn), and the schedule itself.
 * {@code schedule} is null and {@code now} empty at a site that has none.
 */
public record OnCallView(String site, List<OnCall> now, OnCallSchedule schedule) {
}
