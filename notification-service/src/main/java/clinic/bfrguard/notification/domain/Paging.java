package clinic.bfrguard.notification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who is paged for an alert. A paging severity ({@code clinic.notify.page-severities}) pages step 0 of the site's
 * rota when the alert is raised and step n at escalation level n; past the rota's last step, every clinician of the
 * site. A person who cannot be reached (no contact point) is passed over for the next step at once, so a page never
 * waits on someone who will not get it. A site without a rota has nobody on call: the page fails, loudly.
 */
public final class Paging {

    private Paging() {
    }

    /** One person to page, at the rota step they were reached at ({@code everyone}: past the last step). */
    public record Recipient(int step, boolean everyone, String user, ContactPoints contacts) {
    }

    public static boolean pages(String severity, Set<String> pageSeverities) {
        return severity != null && pageSeverities.contains(severity);
    }

    /** The rota step that escalation level {@code level} pages: raised is level 0, the primary. */
    public static int stepOf(int level) {
        return Math.max(0, level);
    }

    /**
     * The people to page from rota step {@code fromStep} on at {@code now}: the first reachable person on call at or
     * after that step, or, past the last step, every reachable clinician of the site ({@code siteClinicians}).
     * Empty when nobody can be paged: no rota, or nobody reachable anywhere.
     *
     * @param contacts a person's contact points, empty when they have none
     */
    public static List<Recipient> recipients(OnCallSchedule schedule, int fromStep, Instant now,
            Function<String, Optional<ContactPoints>> contacts, Collection<String> siteClinicians) {
        if (schedule == null) {
            return List.of();
        }
        for (int step = Math.max(0, fromStep); step < schedule.stepCount(); step++) {
            Optional<String> member = schedule.onCall(step, now).map(OnCall::member);
            if (member.isPresent()) {
                Optional<ContactPoints> reachable = contacts.apply(member.get()).filter(c -> !c.isEmpty());
                if (reachable.isPresent()) {
                    return List.of(new Recipient(step, false, member.get(), reachable.get()));
                }
            }
        }
        int everyoneStep = Math.max(fromStep, schedule.stepCount());
        List<Recipient> everyone = new ArrayList<>();
        for (String user : siteClinicians) {
            contacts.apply(user).filter(c -> !c.isEmpty())
                    .ifPresent(c -> everyone.add(new Recipient(everyoneStep, true, user, c)));
        }
        return everyone;
    }
}
