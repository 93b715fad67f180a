package clinic.bfrguard.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTests {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final ContactPoints MAIL = contacts("x@clinic.example", List.of());
    private static final OnCallSchedule ROTA = OnCallSchedule.validated(new OnCallSchedule("Europe/Madrid", "08:00",
            LocalDate.parse("2026-01-05"), List.of(
                    new RotationStep("primary", List.of("clinician1"), 7),
                    new RotationStep("secondary", List.of("clinician2"), 7)), List.of()));

    private static Optional<ContactPoints> contactsOf(Map<String, ContactPoints> known, String user) {
        return Optional.ofNullable(known.get(user));
    }

    @Test
    void onlyThePagingSeveritiesPage() {
        Set<String> pageSeverities = Set.of("CRITICAL", "HIGH");

        assertThat(Paging.pages("CRITICAL", pageSeverities)).isTrue();
        assertThat(Paging.pages("HIGH", pageSeverities)).isTrue();
        assertThat(Paging.pages("WARNING", pageSeverities)).isFalse();
        assertThat(Paging.pages("INFO", pageSeverities)).isFalse();
    }

    @Test
    void raisedPagesThePrimaryAndEachEscalationTheNextStep() {
        Map<String, ContactPoints> known = Map.of("clinician1", MAIL, "clinician2", MAIL, "clinician3", MAIL);

        assertThat(Paging.recipients(ROTA, Paging.stepOf(0), NOW, u -> contactsOf(known, u), List.of()))
                .extracting(Paging.Recipient::user).containsExactly("clinician1");
        assertThat(Paging.recipients(ROTA, Paging.stepOf(1), NOW, u -> contactsOf(known, u), List.of()))
                .extracting(Paging.Recipient::user, Paging.Recipient::step).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("clinician2", 1));
    }

    @Test
    void pastTheLastStepEveryReachableClinicianOfTheSite() {
        Map<String, ContactPoints> known = Map.of("clinician1", MAIL, "clinician2", MAIL, "clinician3", MAIL);

        List<Paging.Recipient> everyone = Paging.recipients(ROTA, Paging.stepOf(2), NOW, u -> contactsOf(known, u),
                List.of("clinician1", "clinician2", "clinician3", "nobody-reachable"));

        assertThat(everyone).extracting(Paging.Recipient::user)
                .containsExactly("clinician1", "clinician2", "clinician3");
        assertThat(everyone).allSatisfy(r -> assertThat(r.everyone()).isTrue());
    }

    @Test
    void anUnreachablePrimaryIsPassedOverForTheSecondary() {
        Map<String, ContactPoints> known = Map.of("clinician1", contacts(null, List.of()),
                "clinician2", MAIL);

        assertThat(Paging.recipients(ROTA, 0, NOW, u -> contactsOf(known, u), List.of()))
                .extracting(Paging.Recipient::user, Paging.Recipient::step)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("clinician2", 1));
    }

    @Test
    void aSiteWithoutARotaHasNobodyOnCall() {
        assertThat(Paging.recipients(null, 0, NOW, u -> Optional.of(MAIL), List.of("clinician1"))).isEmpty();
    }

    @Test
    void nobodyReachableAnywhereIsNobody() {
        assertThat(Paging.recipients(ROTA, 0, NOW, u -> Optional.empty(), List.of("clinician1", "clinician2")))
                .isEmpty();
    }

    private static ContactPoints contacts(String email, List<Webhook> webhooks) {
        return new ContactPoints(email, webhooks, List.of());
    }
}
