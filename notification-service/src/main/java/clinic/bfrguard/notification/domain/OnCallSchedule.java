package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.domain.InvalidInput;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The on-call schedule of one clinic site, in the shape the site's admin enters it and the way PagerDuty and
 * Opsgenie model a rota, because that is what the clinic's staff already know: steps (layers) whose members take
 * turns, changing over at a handoff time, plus overrides where someone covers a step for a while. An alert pages
 * step 0 first and escalates to the next steps; this class only answers who holds a step at an instant.
 *
 * <p>Shift {@code k} of a step runs from the handoff on {@code rotationStart + k * shiftDays} to the handoff on
 * {@code rotationStart + (k + 1) * shiftDays} and belongs to {@code members[floorMod(k, members.size())]}; {@code k}
 * is negative before {@code rotationStart}. Days are counted on the site's local calendar, so the handoff stays at
 * the same wall-clock time across daylight-saving changes and the shift spanning a change is an hour shorter or
 * longer in real time. On a day where the handoff time does not exist (02:30 on a spring-forward night) the
 * handoff moves later by the length of the gap (03:30); where it exists twice (autumn) the first one counts. That
 * is what {@link ZonedDateTime#of} does, and it keeps every shift starting no earlier than its wall-clock time.
 *
 * <p>Member names are user names; whether they are known users is checked by the service, not here. The queries
 * expect a schedule returned by {@link #validated}.
 */
public record OnCallSchedule(String timeZone, String handoff, LocalDate rotationStart,
        List<RotationStep> steps, List<Cover> overrides) {

    public static final int DEFAULT_SHIFT_DAYS = 7;
    public static final int MAX_SHIFT_DAYS = 366;
    public static final int MAX_STEPS = 10;
    public static final int MAX_MEMBERS = 50;
    public static final int MAX_STEP_NAME = 100;

    private static final Pattern USER_NAME = Pattern.compile("^[A-Za-z0-9._@-]{1,100}$");
    private static final Pattern HH_MM = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
    // Far enough either way for any real rota, near enough that date arithmetic never leaves LocalDate's range.
    private static final LocalDate EARLIEST_START = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST_START = LocalDate.of(9999, 12, 31);
    private static final Comparator<Cover> BY_STEP_THEN_FROM =
            Comparator.comparingInt(Cover::step).thenComparing(Cover::from);

    public OnCallSchedule {
        // Null entries are kept so that validation can name them instead of failing on the copy.
        steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
        overrides = overrides == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(overrides));
    }

    /**
     * The schedule with every rule checked: null lists become empty, a missing {@code shiftDays} becomes
     * {@value #DEFAULT_SHIFT_DAYS}, overrides are sorted by step and then start.
     *
     * @throws InvalidInput naming the first field that breaks a rule
     */
    public static OnCallSchedule validated(OnCallSchedule input) {
        if (input == null) {
            throw new InvalidInput("an on-call schedule is required");
        }
        checkTimeZone(input.timeZone());
        checkHandoff(input.handoff());
        checkRotationStart(input.rotationStart());
        List<RotationStep> steps = checkSteps(input.steps());
        List<Cover> overrides = checkOverrides(input.overrides(), steps.size());
        return new OnCallSchedule(input.timeZone(), input.handoff(), input.rotationStart(), steps, overrides);
    }

    public int stepCount() {
        return steps.size();
    }

    /** Every user named in the schedule, rotation members and coverers, for the service to check they exist. */
    public Set<String> members() {
        Set<String> all = new LinkedHashSet<>();
        steps.forEach(step -> all.addAll(step.members()));
        overrides.forEach(cover -> all.add(cover.member()));
        return Collections.unmodifiableSet(all);
    }

    /**
     * Who holds step {@code step} at {@code t}: the coverer if a cover applies, otherwise the rotation's member,
     * with the span of that assignment. A cover cuts the rotation's span: the member is on call until the cover
     * starts and again from its end until the shift ends. Empty when there is no such step or it has nobody.
     */
    public Optional<OnCall> onCall(int step, Instant t) {
        if (step < 0 || step >= steps.size()) {
            return Optional.empty();
        }
        RotationStep rotation = steps.get(step);
        for (Cover cover : overrides) {
            if (cover.step() == step && !t.isBefore(cover.from()) && t.isBefore(cover.to())) {
                return Optional.of(new OnCall(step, rotation.name(), cover.member(), cover.from(), cover.to(), true));
            }
        }
        if (rotation.members().isEmpty()) {
            return Optional.empty();
        }
        Shift shift = shiftAt(shiftDays(rotation), t);
        Instant from = shift.start();
        Instant until = shift.end();
        for (Cover cover : overrides) {
            if (cover.step() != step) {
                continue;
            }
            // No cover of this step contains t, so each one lies wholly before or wholly after it.
            if (!cover.to().isAfter(t) && cover.to().isAfter(from)) {
                from = cover.to();
            }
            if (cover.from().isAfter(t) && cover.from().isBefore(until)) {
                until = cover.from();
            }
        }
        String member = rotation.members().get(Math.floorMod(shift.index(), rotation.members().size()));
        return Optional.of(new OnCall(step, rotation.name(), member, from, until, false));
    }

    /** Who is on call at {@code t}, one entry per step that has somebody, in step order. */
    public List<OnCall> now(Instant t) {
        List<OnCall> onCall = new ArrayList<>();
        for (int step = 0; step < steps.size(); step++) {
            onCall(step, t).ifPresent(onCall::add);
        }
        return List.copyOf(onCall);
    }

    private record Shift(long index, Instant start, Instant end) {
    }

    private Shift shiftAt(int shiftDays, Instant t) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalTime at = LocalTime.parse(handoff);
        long days = ChronoUnit.DAYS.between(rotationStart, LocalDate.ofInstant(t, zone));
        long k = Math.floorDiv(days, shiftDays);
        // t's local date finds the shift but for the hours before that day's handoff, which belong to the one
        // before; the loops also step over a shift that a skipped calendar day has made empty.
        Instant start = handoffOf(k, shiftDays, at, zone);
        while (start.isAfter(t)) {
            k--;
            start = handoffOf(k, shiftDays, at, zone);
        }
        Instant end = handoffOf(k + 1, shiftDays, at, zone);
        while (!end.isAfter(t)) {
            k++;
            start = end;
            end = handoffOf(k + 1, shiftDays, at, zone);
        }
        return new Shift(k, start, end);
    }

    private Instant handoffOf(long shift, int shiftDays, LocalTime at, ZoneId zone) {
        return ZonedDateTime.of(rotationStart.plusDays(shift * shiftDays), at, zone).toInstant();
    }

    private static int shiftDays(RotationStep step) {
        return step.shiftDays() == null ? DEFAULT_SHIFT_DAYS : step.shiftDays();
    }

    private static void checkTimeZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new InvalidInput("timeZone", "required");
        }
        // Region ids only: a fixed offset such as +01:00 would silently drop the site's daylight-saving changes.
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new InvalidInput("timeZone", "unknown time zone " + quoted(timeZone));
        }
    }

    private static void checkHandoff(String handoff) {
        if (handoff == null || handoff.isBlank()) {
            throw new InvalidInput("handoff", "required");
        }
        if (!HH_MM.matcher(handoff).matches()) {
            throw new InvalidInput("handoff", "must be HH:mm");
        }
    }

    private static void checkRotationStart(LocalDate rotationStart) {
        if (rotationStart == null) {
            throw new InvalidInput("rotationStart", "required");
        }
        if (rotationStart.isBefore(EARLIEST_START) || rotationStart.isAfter(LATEST_START)) {
            throw new InvalidInput("rotationStart", "must be in the years 1970 to 9999");
        }
    }

    private static List<RotationStep> checkSteps(List<RotationStep> steps) {
        if (steps.isEmpty()) {
            throw new InvalidInput("steps", "at least one step");
        }
        if (steps.size() > MAX_STEPS) {
            throw new InvalidInput("steps", "at most " + MAX_STEPS + " steps");
        }
        List<RotationStep> checked = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            RotationStep step = steps.get(i);
            String field = "steps[" + i + "]";
            if (step == null) {
                throw new InvalidInput(field, "required");
            }
            if (step.name() == null || step.name().isBlank()) {
                throw new InvalidInput(field + ".name", "required");
            }
            if (step.name().length() > MAX_STEP_NAME) {
                throw new InvalidInput(field + ".name", "at most " + MAX_STEP_NAME + " characters");
            }
            int shiftDays = shiftDays(step);
            if (shiftDays < 1 || shiftDays > MAX_SHIFT_DAYS) {
                throw new InvalidInput(field + ".shiftDays", "1 to " + MAX_SHIFT_DAYS);
            }
            checkMembers(field + ".members", step.members());
            checked.add(new RotationStep(step.name(), step.members(), shiftDays));
        }
        return checked;
    }

    private static void checkMembers(String field, List<String> members) {
        if (members.size() > MAX_MEMBERS) {
            throw new InvalidInput(field, "at most " + MAX_MEMBERS + " members");
        }
        Set<String> seen = new HashSet<>();
        for (String member : members) {
            checkUserName(field, member);
            if (!seen.add(member)) {
                throw new InvalidInput(field, member + " twice");
            }
        }
    }

    private static List<Cover> checkOverrides(List<Cover> overrides, int stepCount) {
        for (int i = 0; i < overrides.size(); i++) {
            Cover cover = overrides.get(i);
            String field = "overrides[" + i + "]";
            if (cover == null) {
                throw new InvalidInput(field, "required");
            }
            if (cover.step() < 0 || cover.step() >= stepCount) {
                throw new InvalidInput(field + ".step", "no step " + cover.step());
            }
            checkUserName(field + ".member", cover.member());
            if (cover.from() == null) {
                throw new InvalidInput(field + ".from", "required");
            }
            if (cover.to() == null) {
                throw new InvalidInput(field + ".to", "required");
            }
            if (!cover.from().isBefore(cover.to())) {
                throw new InvalidInput(field, "from must be before to");
            }
        }
        // Two covers of one step at once would leave it undefined who is paged; sorted, any overlap shows up
        // between neighbours. Indices are the input's, so the admin finds the entries as entered.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < overrides.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(overrides::get, BY_STEP_THEN_FROM));
        for (int n = 1; n < order.size(); n++) {
            int earlier = order.get(n - 1);
            int later = order.get(n);
            Cover a = overrides.get(earlier);
            Cover b = overrides.get(later);
            if (a.step() == b.step() && b.from().isBefore(a.to())) {
                throw new InvalidInput("overrides[" + Math.max(earlier, later) + "]",
                        "overlaps overrides[" + Math.min(earlier, later) + "] for step " + a.step());
            }
        }
        return order.stream().map(overrides::get).toList();
    }

    private static void checkUserName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInput(field, "required");
        }
        if (!USER_NAME.matcher(name).matches()) {
            throw new InvalidInput(field, quoted(name) + " is not a user name");
        }
    }

    // Input goes back to the user in the message; a long paste should not come back whole.
    private static String quoted(String value) {
        return "'" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'";
    }
}
