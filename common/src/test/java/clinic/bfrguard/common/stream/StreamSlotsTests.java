package clinic.bfrguard.common.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamSlotsTests {

    @Test
    void aUserHasAsManyPlacesAsAllowedAndAFreedOneCanBeTakenAgain() {
        StreamSlots slots = new StreamSlots(2);

        assertThat(slots.take("ana")).isTrue();
        assertThat(slots.take("ana")).isTrue();
        assertThat(slots.take("ana")).as("a third stream").isFalse();

        slots.giveBack("ana");
        assertThat(slots.take("ana")).as("the place one closed stream freed").isTrue();
        assertThat(slots.take("ana")).isFalse();
    }

    @Test
    void usersDoNotShareTheirPlaces() {
        StreamSlots slots = new StreamSlots(1);

        assertThat(slots.take("ana")).isTrue();
        assertThat(slots.take("ben")).isTrue();
        assertThat(slots.take("ana")).isFalse();
    }

    @Test
    void givingBackMoreThanWasTakenDoesNotMakeRoomForMore() {
        StreamSlots slots = new StreamSlots(1);
        slots.giveBack("ana");

        assertThat(slots.take("ana")).isTrue();
        assertThat(slots.take("ana")).isFalse();
    }
}
