package clinic.bfrguard.common.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxBacklogTests {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private static OutboxEvent written(Instant at) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.createdAt = at;
        return event;
    }

    @Test
    void whatThePassDidNotGetAcknowledgedIsStillWaiting() {
        OutboxEvent first = written(T0);
        OutboxEvent second = written(T0.plusSeconds(1));
        OutboxEvent third = written(T0.plusSeconds(2));

        OutboxRelay.Backlog backlog = OutboxRelay.Backlog.after(List.of(first, second, third), List.of(first.id));

        assertThat(backlog.events()).isEqualTo(2);
        assertThat(backlog.oldest()).isEqualTo(second.createdAt);
        assertThat(backlog.ageSeconds(T0.plusSeconds(31))).isEqualTo(30.0);
    }

    @Test
    void anEventStuckAtTheHeadIsTheOldestEvenWhenLaterOnesLeft() {
        OutboxEvent stuck = written(T0);
        OutboxEvent later = written(T0.plusSeconds(5));

        OutboxRelay.Backlog backlog = OutboxRelay.Backlog.after(List.of(stuck, later), List.of(later.id));

        assertThat(backlog.events()).isEqualTo(1);
        assertThat(backlog.ageSeconds(T0.plusSeconds(600))).isEqualTo(600.0);
    }

    @Test
    void nothingWaitingIsAgeZero() {
        OutboxEvent only = written(T0);

        OutboxRelay.Backlog backlog = OutboxRelay.Backlog.after(List.of(only), List.of(only.id));

        assertThat(backlog.events()).isZero();
        assertThat(backlog.ageSeconds(T0.plusSeconds(60))).isZero();
        assertThat(OutboxRelay.Backlog.after(List.of(), List.of()).ageSeconds(T0)).isZero();
    }
}
