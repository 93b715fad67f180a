package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Band;
import clinic.bfrguard.session.domain.Deviation;
import clinic.bfrguard.session.domain.ExerciseSet;
import clinic.bfrguard.session.domain.RecordedDeviation;
import clinic.bfrguard.session.domain.Session;
import clinic.bfrguard.session.domain.SessionDetails;
import clinic.bfrguard.session.domain.SymptomReport;
import clinic.bfrguard.session.events.SessionEvents;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A patient's session history as CSV (RFC 4180: a header row, CRLF line ends, a cell with a comma, a quote or a line
 * break quoted, its quotes doubled). Each session is a row of kind {@code session}, followed by a row for each band,
 * set, symptom and deviation logged on it, in the order they happened; the sessions come newest first, as in the
 * JSON history. Every row repeats its session's id, start and status, so a sorted or filtered sheet still says which
 * session a row belongs to. A text cell a spreadsheet would read as a formula (one starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is written with a leading {@code '}, so opening the
 * file never runs what someone typed into a note. The columns: docs/session-history-csv.md.
 */
final class SessionHistoryCsv {

    static final String MEDIA_TYPE = "text/csv";

    /** The columns, in order; the header row names them. */
    static final List<String> COLUMNS = List.of("sessionId", "sessionStartedAt", "sessionStatus", "kind", "id", "at",
            "by", "limb", "endedAt", "endedBy", "deadline", "wornSeconds", "perceivedPressure", "pressureMmHg",
            "exercise", "setNumber", "loadPercentOneRm", "reps", "rpe", "symptom", "note", "rule", "actual", "limit",
            "unit", "causeId", "message");

    private static final ObjectWriter WRITER = new CsvMapper().writer(CsvSchema.emptySchema()
            .withLineSeparator("\r\n"));

    /** The kinds of row, in the order rows of one instant are written: a deviation after what caused it. */
    enum Kind {
        SESSION, BAND, SET, SYMPTOM, DEVIATION;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SessionHistoryCsv() {
    }

    static void write(List<SessionDetails> history, OutputStream out) throws IOException {
        try (SequenceWriter rows = WRITER.writeValues(out)) {
            rows.write(COLUMNS.toArray(String[]::new));
            for (SessionDetails details : history) {
                for (Row row : rows(details)) {
                    rows.write(row.cells());
                }
            }
        }
    }

    /** One row: when it happened and what kind it is (the order within a session), and its cells. */
    record Row(Instant at, Kind kind, String[] cells) {
    }

    static List<Row> rows(SessionDetails details) {
        Session s = details.session();
        List<Row> items = new ArrayList<>();
        details.bands().forEach(b -> items.add(band(s, b)));
        details.sets().forEach(set -> items.add(set(s, set)));
        details.symptoms().forEach(r -> items.add(symptom(s, r)));
        details.deviations().forEach(d -> items.add(deviation(s, d)));
        // stable: entries of one kind at one instant keep the order the session's lists give them
        items.sort(Comparator.comparing(Row::at).thenComparing(Row::kind));
        List<Row> rows = new ArrayList<>(items.size() + 1);
        rows.add(row(s, Kind.SESSION, null, s.startedAt, s.physiotherapist)
                .set("endedAt", s.completedAt).set("endedBy", s.completedBy).build());
        rows.addAll(items);
        return rows;
    }

    private static Row band(Session s, Band b) {
        return row(s, Kind.BAND, b.id, b.appliedAt, b.appliedBy).set("limb", b.limb)
                .set("endedAt", b.releasedAt).set("endedBy", b.releasedBy).set("deadline", b.deadline)
                .set("wornSeconds", b.releasedAt == null ? null : SessionEvents.wornSeconds(b))
                .set("perceivedPressure", b.perceivedPressure).set("pressureMmHg", b.pressureMmHg).build();
    }

    private static Row set(Session s, ExerciseSet set) {
        return row(s, Kind.SET, set.id, set.loggedAt, set.loggedBy).set("limb", set.limb)
                .set("exercise", set.exercise).set("setNumber", set.setNumber)
                .set("loadPercentOneRm", Deviation.plain(set.loadPercentOneRm)).set("reps", set.reps)
                .set("rpe", set.rpe).build();
    }

    private static Row symptom(Session s, SymptomReport r) {
        return row(s, Kind.SYMPTOM, r.id, r.reportedAt, r.reportedBy).set("symptom", r.symptom)
                .set("note", r.note).build();
    }

    private static Row deviation(Session s, RecordedDeviation d) {
        return row(s, Kind.DEVIATION, d.id, d.occurredAt, null).set("limb", d.limb).set("exercise", d.exercise)
                .set("rule", d.rule).set("actual", Deviation.plain(d.actual)).set("limit", Deviation.plain(d.limit))
                .set("unit", d.unit).set("causeId", d.bandId != null ? d.bandId : d.setId)
                .set("message", d.message).build();
    }

    private static RowBuilder row(Session s, Kind kind, Object id, Instant at, String by) {
        return new RowBuilder(at, kind).set("sessionId", s.id).set("sessionStartedAt", s.startedAt)
                .set("sessionStatus", s.status).set("kind", kind.label()).set("id", id).set("at", at).set("by", by);
    }

    /**
     * What a spreadsheet shows as the value, never as a formula: a cell starting with a formula character gets a
     * leading {@code '} (OWASP's advice against CSV injection).
     */
    static String neutralised(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        // a number the service wrote reads as that number, never as a formula; only text is neutralised
        return value instanceof Number ? value.toString() : neutralised(value.toString());
    }

    private static final class RowBuilder {
        private final Instant at;
        private final Kind kind;
        private final String[] cells = new String[COLUMNS.size()];

        RowBuilder(Instant at, Kind kind) {
            this.at = at;
            this.kind = kind;
            Arrays.fill(cells, "");
        }

        RowBuilder set(String column, Object value) {
            int index = COLUMNS.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column);
            }
            cells[index] = text(value);
            return this;
        }

        Row build() {
            return new Row(at, kind, cells);
        }
    }
}
