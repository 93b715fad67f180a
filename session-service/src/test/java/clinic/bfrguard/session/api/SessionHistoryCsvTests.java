package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Band;
import clinic.bfrguard.session.domain.DeviationRule;
import clinic.bfrguard.session.domain.ExerciseSet;
import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.domain.RecordedDeviation;
import clinic.bfrguard.session.domain.Session;
import clinic.bfrguard.session.domain.SessionDetails;
import clinic.bfrguard.session.domain.SessionStatus;
import clinic.bfrguard.session.domain.Symptom;
import clinic.bfrguard.session.domain.SymptomReport;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionHistoryCsvTests {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final String HEADER = String.join(",", SessionHistoryCsv.COLUMNS) + "\r\n";

    private static String csv(List<SessionDetails> history) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SessionHistoryCsv.write(history, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The rows as a spreadsheet or any RFC 4180 reader would read them, header first. */
    private static List<List<String>> read(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static String cell(List<String> row, String column) {
        return row.get(SessionHistoryCsv.COLUMNS.indexOf(column));
    }

    private static Session session(Instant startedAt) {
        Session s = new Session();
        s.id = UUID.randomUUID();
        s.patientId = "P-1";
        s.site = "north";
        s.physiotherapist = "physio1";
        s.status = SessionStatus.COMPLETED;
        s.startedAt = startedAt;
        s.completedBy = "physio1";
        s.completedAt = startedAt.plusSeconds(1800);
        return s;
    }

    private static SymptomReport symptom(Session s, Instant at, String note) {
        SymptomReport r = new SymptomReport();
        r.id = UUID.randomUUID();
        r.sessionId = s.id;
        r.symptom = Symptom.PAIN;
        r.note = note;
        r.reportedBy = "physio1";
        r.reportedAt = at;
        return r;
    }

    private static SessionDetails withSymptoms(Session s, SymptomReport... symptoms) {
        return new SessionDetails(s, List.of(), List.of(), List.of(symptoms), List.of());
    }

    @Test
    void anEmptyHistoryIsTheHeaderRowAlone() throws IOException {
        assertThat(csv(List.of())).isEqualTo(HEADER);
        assertThat(read(csv(List.of()))).containsExactly(SessionHistoryCsv.COLUMNS);
    }

    @Test
    void aNoteWithACommaAQuoteAndLineBreaksIsQuotedAndReadsBackAsWritten() throws IOException {
        Session s = session(START);
        String note = "sharp pain, \"like a cramp\"\nleft thigh\r\nstopped the set";
        String csv = csv(List.of(withSymptoms(s, symptom(s, START.plusSeconds(60), note))));

        assertThat(csv).startsWith(HEADER)
                .contains(",\"sharp pain, \"\"like a cramp\"\"\nleft thigh\r\nstopped the set\",");
        List<List<String>> rows = read(csv);
        assertThat(rows).hasSize(3);
        assertThat(cell(rows.get(2), "kind")).isEqualTo("symptom");
        assertThat(cell(rows.get(2), "note")).isEqualTo(note);
        assertThat(cell(rows.get(2), "symptom")).isEqualTo("PAIN");
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsWrittenAsText() throws IOException {
        Session s = session(START);
        List<String> notes = List.of("=HYPERLINK(\"http://evil.example\",\"open\")", "+1+1", "-2+3", "@SUM(A1:A9)",
                "\tindented", "calm, no pain", "a = b");
        SymptomReport[] reports = notes.stream().map(n -> symptom(s, START.plusSeconds(60 + notes.indexOf(n)), n))
                .toArray(SymptomReport[]::new);
        List<List<String>> rows = read(csv(List.of(withSymptoms(s, reports))));

        assertThat(rows.subList(2, rows.size())).extracting(row -> cell(row, "note")).containsExactly(
                "'=HYPERLINK(\"http://evil.example\",\"open\")", "'+1+1", "'-2+3", "'@SUM(A1:A9)", "'\tindented",
                "calm, no pain", "a = b");
        assertThat(SessionHistoryCsv.neutralised("")).isEmpty();
        assertThat(SessionHistoryCsv.neutralised("-")).isEqualTo("'-");
    }

    @Test
    void eachSessionIsARowFollowedByWhatWasLoggedOnItInTheOrderItHappened() throws IOException {
        Session older = session(START);
        Session newer = session(START.plusSeconds(86_400));
        newer.status = SessionStatus.ACTIVE;
        newer.completedAt = null;
        newer.completedBy = null;

        Band band = new Band();
        band.id = UUID.randomUUID();
        band.sessionId = newer.id;
        band.limb = Limb.LEFT_THIGH;
        band.perceivedPressure = 8;
        band.appliedBy = "physio1";
        band.appliedAt = newer.startedAt.plusSeconds(10);
        band.deadline = band.appliedAt.plusSeconds(1200);
        band.releasedBy = "physio2";
        band.releasedAt = band.appliedAt.plusSeconds(605);
        ExerciseSet set = new ExerciseSet();
        set.id = UUID.randomUUID();
        set.sessionId = newer.id;
        set.exercise = "LEG_PRESS";
        set.limb = Limb.LEFT_THIGH;
        set.loadPercentOneRm = new BigDecimal("30.0");
        set.reps = 15;
        set.setNumber = 1;
        set.loggedBy = "physio1";
        set.loggedAt = newer.startedAt.plusSeconds(120);
        RecordedDeviation deviation = new RecordedDeviation();
        deviation.id = UUID.randomUUID();
        deviation.sessionId = newer.id;
        deviation.rule = DeviationRule.PERCEIVED_PRESSURE;
        deviation.limb = Limb.LEFT_THIGH;
        deviation.bandId = band.id;
        deviation.actual = new BigDecimal("8.000");
        deviation.limit = new BigDecimal("7.000");
        deviation.unit = "/10";
        deviation.message = "Perceived pressure 8/10 above 7/10";
        deviation.occurredAt = band.appliedAt;

        // the lists hold the deviation first: the rows still follow time, a deviation after what caused it
        SessionDetails newerDetails = new SessionDetails(newer, List.of(band), List.of(set), List.of(),
                List.of(deviation));
        List<List<String>> rows = read(csv(List.of(newerDetails, withSymptoms(older))));

        assertThat(rows).extracting(row -> cell(row, "kind"))
                .containsExactly("kind", "session", "band", "deviation", "set", "session");
        assertThat(rows.subList(1, 5)).allSatisfy(row -> {
            assertThat(cell(row, "sessionId")).isEqualTo(newer.id.toString());
            assertThat(cell(row, "sessionStartedAt")).isEqualTo("2026-03-03T09:00:00Z");
            assertThat(cell(row, "sessionStatus")).isEqualTo("ACTIVE");
        });
        List<String> session = rows.get(1);
        assertThat(cell(session, "at")).isEqualTo("2026-03-03T09:00:00Z");
        assertThat(cell(session, "by")).isEqualTo("physio1");
        assertThat(cell(session, "endedAt")).isEmpty();
        List<String> banded = rows.get(2);
        assertThat(cell(banded, "id")).isEqualTo(band.id.toString());
        assertThat(cell(banded, "at")).isEqualTo("2026-03-03T09:00:10Z");
        assertThat(cell(banded, "limb")).isEqualTo("LEFT_THIGH");
        assertThat(cell(banded, "endedAt")).isEqualTo("2026-03-03T09:10:15Z");
        assertThat(cell(banded, "endedBy")).isEqualTo("physio2");
        assertThat(cell(banded, "wornSeconds")).isEqualTo("605");
        assertThat(cell(banded, "perceivedPressure")).isEqualTo("8");
        assertThat(cell(banded, "pressureMmHg")).isEmpty();
        List<String> deviated = rows.get(3);
        assertThat(cell(deviated, "rule")).isEqualTo("PERCEIVED_PRESSURE");
        assertThat(cell(deviated, "actual")).isEqualTo("8");
        assertThat(cell(deviated, "limit")).isEqualTo("7");
        assertThat(cell(deviated, "unit")).isEqualTo("/10");
        assertThat(cell(deviated, "causeId")).isEqualTo(band.id.toString());
        assertThat(cell(deviated, "message")).isEqualTo("Perceived pressure 8/10 above 7/10");
        List<String> logged = rows.get(4);
        assertThat(cell(logged, "exercise")).isEqualTo("LEG_PRESS");
        assertThat(cell(logged, "loadPercentOneRm")).isEqualTo("30");
        assertThat(cell(logged, "reps")).isEqualTo("15");
        assertThat(cell(logged, "rpe")).isEmpty();
        assertThat(cell(logged, "setNumber")).isEqualTo("1");
        List<String> completed = rows.get(5);
        assertThat(cell(completed, "sessionId")).isEqualTo(older.id.toString());
        assertThat(cell(completed, "endedAt")).isEqualTo("2026-03-02T09:30:00Z");
        assertThat(cell(completed, "sessionStatus")).isEqualTo("COMPLETED");
    }
}
