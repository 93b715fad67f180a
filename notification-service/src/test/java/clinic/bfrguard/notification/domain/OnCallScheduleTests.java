package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.domain.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class OnCallScheduleTests {

    private static final String MADRID = "Europe/Madrid";
    // A Monday in winter time (CET, UTC+1): 08:00 local is 07:00Z until 2026-03-29.
    private static final LocalDate START = LocalDate.of(2026, 3, 2);

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static RotationStep step(String name, Integer shiftDays, String... members) {
        return new RotationStep(name, List.of(members), shiftDays);
    }

    private static OnCallSchedule schedule(String handoff, LocalDate start, List<Cover> overrides,
            RotationStep... steps) {
        return OnCallSchedule.validated(new OnCallSchedule(MADRID, handoff, start, List.of(steps), overrides));
    }

    private static OnCallSchedule daily(String... members) {
        return schedule("08:00", START, List.of(), step("primary", 1, members));
    }

    private static OnCall rotation(OnCallSchedule schedule, Instant t) {
        return schedule.onCall(0, t).orElseThrow();
    }

    private static OnCall expected(String member, String from, String until, boolean cover) {
        return new OnCall(0, "primary", member, at(from), at(until), cover);
    }

    @Test
    void theHandoffAtEightLocalTimeIsWhenTheNextMemberTakesOver() {
        OnCallSchedule schedule = daily("clinician1", "clinician2");

        assertThat(rotation(schedule, at("2026-03-03T06:59:59Z")))
                .isEqualTo(expected("clinician1", "2026-03-02T07:00:00Z", "2026-03-03T07:00:00Z", false));
        assertThat(rotation(schedule, at("2026-03-03T07:00:00Z")))
                .isEqualTo(expected("clinician2", "2026-03-03T07:00:00Z", "2026-03-04T07:00:00Z", false));
    }

    @Test
    void aWeekOfDailyHandoffsCyclesThroughTheMembers() {
        OnCallSchedule schedule = daily("a", "b", "c");

        List<String> at0800 = IntStream.range(0, 7)
                .mapToObj(d -> rotation(schedule, at("2026-03-0" + (2 + d) + "T07:00:00Z")).member()).toList();
        List<String> at0759 = IntStream.range(0, 7)
                .mapToObj(d -> rotation(schedule, at("2026-03-0" + (2 + d) + "T06:59:00Z")).member()).toList();

        assertThat(at0800).containsExactly("a", "b", "c", "a", "b", "c", "a");
        // Before the first handoff it is still the previous shift, the last member's.
        assertThat(at0759).containsExactly("c", "a", "b", "c", "a", "b", "c");
    }

    @Test
    void shiftsBeforeTheRotationStartCountBackwards() {
        OnCallSchedule schedule = daily("clinician1", "clinician2");

        // 2026-02-27 is three shifts before the start: shift -3 is member 1.
        assertThat(rotation(schedule, at("2026-02-27T11:00:00Z")))
                .isEqualTo(expected("clinician2", "2026-02-27T07:00:00Z", "2026-02-28T07:00:00Z", false));
        assertThat(rotation(schedule, at("2026-03-01T06:30:00Z")))
                .isEqualTo(expected("clinician1", "2026-02-28T07:00:00Z", "2026-03-01T07:00:00Z", false));
        assertThat(rotation(schedule, at("2026-03-02T06:59:00Z")))
                .isEqualTo(expected("clinician2", "2026-03-01T07:00:00Z", "2026-03-02T07:00:00Z", false));
    }

    @Test
    void withoutShiftDaysAShiftIsAWeek() {
        OnCallSchedule schedule = schedule("08:00", START, List.of(), step("primary", null, "a", "b", "c"));

        assertThat(schedule.steps().get(0).shiftDays()).isEqualTo(7);
        assertThat(rotation(schedule, at("2026-03-09T06:59:00Z")))
                .isEqualTo(expected("a", "2026-03-02T07:00:00Z", "2026-03-09T07:00:00Z", false));
        assertThat(rotation(schedule, at("2026-03-09T07:00:00Z")).member()).isEqualTo("b");
        assertThat(rotation(schedule, at("2026-03-18T12:00:00Z")).member()).isEqualTo("c");
        // The fourth week is the first member's again and ends at 08:00 summer time.
        assertThat(rotation(schedule, at("2026-03-23T07:00:00Z")))
                .isEqualTo(expected("a", "2026-03-23T07:00:00Z", "2026-03-30T06:00:00Z", false));
    }

    @Test
    void aCoverAcrossAHandoffHoldsTheStepThroughoutAndTheNewShiftResumesAtItsEnd() {
        // From 20:00 local the evening before the handoff to 10:00 local the morning after.
        Cover cover = new Cover(0, "locum1", at("2026-03-04T19:00:00Z"), at("2026-03-05T09:00:00Z"));
        OnCallSchedule schedule = schedule("08:00", START, List.of(cover),
                step("primary", 1, "clinician1", "clinician2"));

        assertThat(rotation(schedule, at("2026-03-04T18:59:59Z")))
                .isEqualTo(expected("clinician1", "2026-03-04T07:00:00Z", "2026-03-04T19:00:00Z", false));
        OnCall covered = expected("locum1", "2026-03-04T19:00:00Z", "2026-03-05T09:00:00Z", true);
        assertThat(rotation(schedule, at("2026-03-04T19:00:00Z"))).isEqualTo(covered);
        assertThat(rotation(schedule, at("2026-03-05T07:00:00Z"))).isEqualTo(covered);
        assertThat(rotation(schedule, at("2026-03-05T08:59:59Z"))).isEqualTo(covered);
        assertThat(rotation(schedule, at("2026-03-05T09:00:00Z")))
                .isEqualTo(expected("clinician2", "2026-03-05T09:00:00Z", "2026-03-06T07:00:00Z", false));
    }

    @Test
    void theHandoffStaysAtEightLocalTimeWhenTheClocksGoForward() {
        OnCallSchedule schedule = schedule("08:00", LocalDate.of(2026, 3, 27), List.of(),
                step("primary", 1, "a", "b"));

        // 08:00 CET on the 28th to 08:00 CEST on the 29th: 23 hours.
        assertThat(rotation(schedule, at("2026-03-29T05:59:59Z")))
                .isEqualTo(expected("b", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z", false));
        assertThat(rotation(schedule, at("2026-03-29T06:00:00Z")))
                .isEqualTo(expected("a", "2026-03-29T06:00:00Z", "2026-03-30T06:00:00Z", false));
    }

    @Test
    void theHandoffStaysAtEightLocalTimeWhenTheClocksGoBack() {
        OnCallSchedule schedule = schedule("08:00", LocalDate.of(2026, 10, 23), List.of(),
                step("primary", 1, "a", "b"));

        // 08:00 CEST on the 24th to 08:00 CET on the 25th: 25 hours.
        assertThat(rotation(schedule, at("2026-10-25T06:59:59Z")))
                .isEqualTo(expected("b", "2026-10-24T06:00:00Z", "2026-10-25T07:00:00Z", false));
        assertThat(rotation(schedule, at("2026-10-25T07:00:00Z")))
                .isEqualTo(expected("a", "2026-10-25T07:00:00Z", "2026-10-26T07:00:00Z", false));
    }

    @Test
    void aHandoffInTheSpringGapMovesLaterByTheGap() {
        OnCallSchedule schedule = schedule("02:30", LocalDate.of(2026, 3, 27), List.of(),
                step("primary", 1, "a", "b"));

        // 02:30 does not exist on the 29th: the handoff is at 03:30 CEST, which is 01:30Z as on the day before.
        assertThat(rotation(schedule, at("2026-03-29T01:29:59Z")))
                .isEqualTo(expected("b", "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", false));
        // The next handoff is back at 02:30 local, now summer time.
        assertThat(rotation(schedule, at("2026-03-29T01:30:00Z")))
                .isEqualTo(expected("a", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", false));
    }

    @Test
    void aHandoffInTheAutumnRepeatedHourIsTheFirstOfTheTwo() {
        OnCallSchedule schedule = schedule("02:30", LocalDate.of(2026, 10, 23), List.of(),
                step("primary", 1, "a", "b"));

        // 02:30 happens twice on the 25th, at 00:30Z (CEST) and at 01:30Z (CET); the first is the handoff.
        assertThat(rotation(schedule, at("2026-10-25T00:30:00Z")))
                .isEqualTo(expected("a", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", false));
    }

    @Test
    void anEmptyStepHasNobodyUnlessCoveredAndLeavesTheOtherStepsAlone() {
        Instant t = at("2026-03-03T12:00:00Z");
        RotationStep primary = step("primary", 1, "clinician1", "clinician2");
        RotationStep backup = step("backup", 1);
        OnCallSchedule uncovered = schedule("08:00", START, List.of(), primary, backup);

        assertThat(uncovered.onCall(1, t)).isEmpty();
        assertThat(uncovered.now(t)).extracting(OnCall::step, OnCall::member)
                .containsExactly(tuple(0, "clinician2"));

        Cover cover = new Cover(1, "locum1", at("2026-03-03T10:00:00Z"), at("2026-03-03T14:00:00Z"));
        OnCallSchedule covered = schedule("08:00", START, List.of(cover), primary, backup);

        assertThat(covered.now(t)).containsExactly(
                new OnCall(0, "primary", "clinician2", at("2026-03-03T07:00:00Z"), at("2026-03-04T07:00:00Z"),
                        false),
                new OnCall(1, "backup", "locum1", at("2026-03-03T10:00:00Z"), at("2026-03-03T14:00:00Z"), true));
        assertThat(covered.onCall(1, at("2026-03-03T14:00:00Z"))).isEmpty();
    }

    @Test
    void aStepThatDoesNotExistHasNobody() {
        OnCallSchedule schedule = daily("clinician1");
        Instant t = at("2026-03-03T12:00:00Z");

        assertThat(schedule.stepCount()).isEqualTo(1);
        assertThat(schedule.onCall(1, t)).isEmpty();
        assertThat(schedule.onCall(-1, t)).isEmpty();
    }

    @Test
    void validationNormalisesTheSchedule() {
        Cover late = new Cover(1, "locum2", at("2026-03-03T00:00:00Z"), at("2026-03-04T00:00:00Z"));
        Cover laterOnStep0 = new Cover(0, "locum1", at("2026-03-05T00:00:00Z"), at("2026-03-06T00:00:00Z"));
        Cover earlyOnStep0 = new Cover(0, "locum3", at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"));
        List<RotationStep> steps = new ArrayList<>(List.of(new RotationStep("primary", null, null),
                new RotationStep("backup", List.of("clinician1"), 2)));

        OnCallSchedule schedule = OnCallSchedule.validated(new OnCallSchedule(MADRID, "08:00", START, steps,
                List.of(late, laterOnStep0, earlyOnStep0)));
        steps.clear();

        assertThat(schedule.steps()).containsExactly(new RotationStep("primary", List.of(), 7),
                new RotationStep("backup", List.of("clinician1"), 2));
        assertThat(schedule.overrides()).containsExactly(earlyOnStep0, laterOnStep0, late);
        assertThat(schedule.members()).containsExactlyInAnyOrder("clinician1", "locum1", "locum2", "locum3");
        assertThat(OnCallSchedule.validated(new OnCallSchedule(MADRID, "08:00", START, schedule.steps(), null))
                .overrides()).isEmpty();
        assertThatThrownBy(() -> schedule.steps().add(step("x", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theJsonShapeIsTheRecordComponents() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        String json = """
                {"timeZone": "Europe/Madrid", "handoff": "08:00", "rotationStart": "2026-03-02",
                 "steps": [{"name": "primary", "members": ["clinician1", "clinician2"], "shiftDays": 1}],
                 "overrides": [{"step": 0, "member": "locum1",
                                "from": "2026-03-04T19:00:00Z", "to": "2026-03-05T09:00:00Z"}]}""";

        OnCallSchedule schedule = OnCallSchedule.validated(mapper.readValue(json, OnCallSchedule.class));
        JsonNode written = mapper.valueToTree(schedule);

        assertThat(rotation(schedule, at("2026-03-05T07:00:00Z")).member()).isEqualTo("locum1");
        assertThat(written).isEqualTo(mapper.readTree(json));
    }

    // Validation

    private static void assertRefused(OnCallSchedule input, String message) {
        assertThatThrownBy(() -> OnCallSchedule.validated(input))
                .isInstanceOf(InvalidInput.class).hasMessage(message);
    }

    private static OnCallSchedule withZone(String timeZone) {
        return new OnCallSchedule(timeZone, "08:00", START, List.of(step("primary", 1, "clinician1")), null);
    }

    private static OnCallSchedule withSteps(RotationStep... steps) {
        return new OnCallSchedule(MADRID, "08:00", START, Arrays.asList(steps), null);
    }

    private static OnCallSchedule withCovers(Cover... covers) {
        return new OnCallSchedule(MADRID, "08:00", START,
                List.of(step("primary", 1, "clinician1"), step("backup", 1, "clinician2")), Arrays.asList(covers));
    }

    private static Cover cover(int step, String member, String from, String to) {
        return new Cover(step, member, at(from), at(to));
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertRefused(withZone("Mars/Olympus"), "timeZone: unknown time zone 'Mars/Olympus'");
        assertRefused(withZone(null), "timeZone: required");
        assertThatThrownBy(() -> OnCallSchedule.validated(withZone("Mars/Olympus")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).contains("timeZone"));
    }

    @Test
    void aFixedOffsetIsNotATimeZone() {
        // It would keep the handoff at one UTC time all year instead of the site's wall-clock time.
        assertRefused(withZone("+01:00"), "timeZone: unknown time zone '+01:00'");
        assertThat(OnCallSchedule.validated(withZone("UTC")).timeZone()).isEqualTo("UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8:00", "24:00", "08:60", "08:00:00", "0800", "08:0a"})
    void aHandoffThatIsNotHhMmIsRefused(String handoff) {
        assertRefused(new OnCallSchedule(MADRID, handoff, START, List.of(step("primary", 1, "a")), null),
                "handoff: must be HH:mm");
    }

    @Test
    void theRotationStartIsRequired() {
        assertRefused(new OnCallSchedule(MADRID, "08:00", null, List.of(step("primary", 1, "a")), null),
                "rotationStart: required");
    }

    @Test
    void aScheduleHasOneToTenSteps() {
        assertRefused(withSteps(), "steps: at least one step");
        assertRefused(new OnCallSchedule(MADRID, "08:00", START, null, null), "steps: at least one step");
        RotationStep[] eleven = IntStream.range(0, 11).mapToObj(i -> step("s" + i, 1, "a"))
                .toArray(RotationStep[]::new);
        assertRefused(withSteps(eleven), "steps: at most 10 steps");
        assertThat(OnCallSchedule.validated(withSteps(Arrays.copyOf(eleven, 10))).stepCount()).isEqualTo(10);
    }

    @Test
    void aStepNeedsANameAndAShiftOfOneTo366Days() {
        assertRefused(withSteps(step("primary", 1, "a"), step(null, 1, "b")), "steps[1].name: required");
        assertRefused(withSteps(step("primary", 1, "a"), step(" ", 1, "b")), "steps[1].name: required");
        assertRefused(withSteps(step("primary", 0, "a")), "steps[0].shiftDays: 1 to 366");
        assertRefused(withSteps(step("primary", 367, "a")), "steps[0].shiftDays: 1 to 366");
        assertThat(OnCallSchedule.validated(withSteps(step("primary", 366, "a"))).steps().get(0).shiftDays())
                .isEqualTo(366);
    }

    @Test
    void membersAreDistinctUserNamesAtMostFiftyAStep() {
        assertRefused(withSteps(step("primary", 1, "x y")), "steps[0].members: 'x y' is not a user name");
        assertRefused(withSteps(step("primary", 1, "clinician1", "clinician2", "clinician1")),
                "steps[0].members: clinician1 twice");
        String[] fiftyOne = IntStream.range(0, 51).mapToObj(i -> "user" + i).toArray(String[]::new);
        assertRefused(withSteps(step("primary", 1, fiftyOne)), "steps[0].members: at most 50 members");
        assertThat(OnCallSchedule.validated(withSteps(step("primary", 1, Arrays.copyOf(fiftyOne, 50))))
                .members()).hasSize(50);
        // One person may be in several steps, e.g. primary one week and backup another.
        assertThat(OnCallSchedule.validated(withSteps(step("primary", 1, "a.b@clinic"),
                step("backup", 1, "a.b@clinic"))).members()).containsExactly("a.b@clinic");
    }

    @Test
    void aCoverMustEndAfterItStarts() {
        Cover ok1 = cover(0, "locum1", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
        Cover ok2 = cover(1, "locum1", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
        assertRefused(withCovers(ok1, ok2, cover(0, "locum2", "2026-03-05T00:00:00Z", "2026-03-05T00:00:00Z")),
                "overrides[2]: from must be before to");
        assertRefused(withCovers(ok1, ok2, cover(0, "locum2", "2026-03-05T00:00:00Z", "2026-03-04T00:00:00Z")),
                "overrides[2]: from must be before to");
    }

    @Test
    void aCoverIsForAStepThatExistsAndByAUserName() {
        assertRefused(withCovers(cover(3, "locum1", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")),
                "overrides[0].step: no step 3");
        assertRefused(withCovers(cover(0, "lo cum", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")),
                "overrides[0].member: 'lo cum' is not a user name");
    }

    @Test
    void coversOfOneStepMayNotOverlapButCoversOfDifferentStepsMay() {
        assertRefused(withCovers(cover(0, "locum1", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"),
                        cover(0, "locum2", "2026-03-01T23:00:00Z", "2026-03-03T00:00:00Z")),
                "overrides[1]: overlaps overrides[0] for step 0");
        // Entered in the other order, the message still names the entries by their place in the input.
        assertRefused(withCovers(cover(1, "locum1", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"),
                        cover(0, "locum2", "2026-03-01T23:00:00Z", "2026-03-03T00:00:00Z"),
                        cover(0, "locum1", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")),
                "overrides[2]: overlaps overrides[1] for step 0");

        OnCallSchedule accepted = OnCallSchedule.validated(withCovers(
                cover(0, "locum1", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"),
                cover(1, "locum2", "2026-03-01T12:00:00Z", "2026-03-02T12:00:00Z"),
                // Back to back is not an overlap: a cover ends at the instant the next begins.
                cover(0, "locum3", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z")));
        assertThat(accepted.overrides()).hasSize(3);
        assertThat(accepted.onCall(0, at("2026-03-02T00:00:00Z")).orElseThrow().member()).isEqualTo("locum3");
    }
}
