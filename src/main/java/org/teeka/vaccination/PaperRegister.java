package org.teeka.vaccination;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.InvalidValueException;
import org.teeka.beneficiary.ReferenceId;
import org.teeka.beneficiary.list.CsvTable;
import org.teeka.beneficiary.list.ListFileException;
import org.teeka.platform.NotFoundException;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports a center's paper dose register (CSV). The file is checked as a whole first (as
 * beneficiary lists are, through {@link CsvTable}): nothing is recorded from a file that is not
 * UTF-8, is broken, lacks a column or has too many rows. Then each row goes through
 * {@link Vaccinations#record} on its own, with an event id derived from the center and the row's
 * values, so uploading the same register again answers Duplicate for every row it recorded.
 */
@Service
public class PaperRegister {

    /** Rows in one register file: a day's paper register at one center is far smaller. */
    public static final int MAX_ROWS = 2000;

    /** The register's columns, by header name; all required except {@code vaccine}. */
    public enum Column {
        REFERENCE_ID("reference_id", true), DOSE("dose", true), LOT_NUMBER("lot_number", true), DATE("date", true),
        TIME("time", true), VACCINE("vaccine", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }

        public String header() {
            return header;
        }

        public boolean required() {
            return required;
        }
    }

    private final Vaccinations vaccinations;
    private final CenterSync sync;
    private final Sessions sessions;
    private final Beneficiaries beneficiaries;
    private final JdbcClient jdbc;
    private final Clock clock;

    PaperRegister(Vaccinations vaccinations, CenterSync sync, Sessions sessions, Beneficiaries beneficiaries, JdbcClient jdbc, Clock clock) {
        this.vaccinations = vaccinations;
        this.sync = sync;
        this.sessions = sessions;
        this.beneficiaries = beneficiaries;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Imports the file; the answer's id names the kept report. A whole-file problem records nothing. */
    public UUID importFile(Path file, String fileName, StaffPrincipal by, Locale language) throws ListFileException, IOException {
        int centerId = CenterSync.ownCenter(by, Permission.RECORD_DOSES);
        var positions = new EnumMap<Column, Integer>(Column.class);
        var rows = new ArrayList<RawRow>();
        CsvTable.read(file, header -> positions.putAll(layout(header)), (number, cells) -> {
            if (rows.size() >= MAX_ROWS) {
                throw new ListFileException("offline.register.error.too-many-rows", String.valueOf(MAX_ROWS));
            }
            var values = new EnumMap<Column, String>(Column.class);
            positions.forEach((column, at) -> {
                String value = at < cells.size() && cells.get(at) != null ? cells.get(at).strip() : "";
                values.put(column, value);
            });
            rows.add(new RawRow(number, values));
        });
        var report = new ArrayList<ReportRow>(rows.size());
        for (RawRow row : rows) {
            report.add(importRow(row, centerId, by, language));
        }
        return keep(centerId, by, fileName, report);
    }

    private ReportRow importRow(RawRow row, int centerId, StaffPrincipal by, Locale language) {
        String referenceId = row.value(Column.REFERENCE_ID);
        String dose = row.value(Column.DOSE);
        String lot = row.value(Column.LOT_NUMBER).toUpperCase(Locale.ROOT);
        UUID eventId = eventId(centerId, row);
        DoseOutcome.Refused refused = refusal(row, by);
        DoseOutcome outcome = refused != null ? refused : vaccinations.record(entry(row, eventId, by), by);
        CenterSync.ItemResult result = sync.answer(eventId, outcome, language);
        return new ReportRow(row.number(), referenceId, dose, lot, result.outcome(), result.message());
    }

    /** The dose a row describes; only for a row {@link #refusal} has no objection to. */
    private DoseEntry entry(RawRow row, UUID eventId, StaffPrincipal by) {
        Beneficiary person = beneficiaries.byReference(ReferenceId.of(row.value(Column.REFERENCE_ID))).orElseThrow();
        LocalDate date = LocalDate.parse(row.value(Column.DATE));
        Session session = sessionFor(row, date, by).orElseThrow();
        var at = LocalDateTime.of(date, LocalTime.parse(row.value(Column.TIME))).atZone(clock.getZone()).toInstant();
        return new DoseEntry(eventId, person.id(), Integer.parseInt(row.value(Column.DOSE)), session.vaccineCode(),
                row.value(Column.LOT_NUMBER), session.id(), at, "paper-register");
    }

    /** Why a row's values cannot make a dose entry; null when they can. */
    private DoseOutcome.Refused refusal(RawRow row, StaffPrincipal by) {
        ReferenceId referenceId;
        try {
            referenceId = ReferenceId.of(row.value(Column.REFERENCE_ID));
        } catch (InvalidValueException e) {
            return DoseOutcome.Refused.of("beneficiary.error.reference-id-invalid");
        }
        if (!row.value(Column.DOSE).matches("[1-5]")) {
            return DoseOutcome.Refused.of("offline.register.error.dose");
        }
        if (row.value(Column.LOT_NUMBER).isEmpty()) {
            return DoseOutcome.Refused.of("vaccination.error.lot-required");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(row.value(Column.DATE));
            LocalTime.parse(row.value(Column.TIME));
        } catch (DateTimeParseException e) {
            return DoseOutcome.Refused.of("offline.register.error.when");
        }
        if (beneficiaries.byReference(referenceId).isEmpty()) {
            return DoseOutcome.Refused.of("vaccination.error.beneficiary-unknown");
        }
        if (sessionFor(row, date, by).isEmpty()) {
            return DoseOutcome.Refused.of("offline.register.error.no-session", date.toString());
        }
        return null;
    }

    /** The center's session that day, of the row's vaccine when it names one (by code, case ignored). */
    private Optional<Session> sessionFor(RawRow row, LocalDate date, StaffPrincipal by) {
        String vaccine = row.value(Column.VACCINE);
        List<Session> that = sessions.atCenter(by.scope().centerId(), date, 1, by.scope()).stream()
                .filter(s -> s.date().equals(date))
                .filter(s -> vaccine.isEmpty() || s.vaccineCode().equalsIgnoreCase(vaccine)).toList();
        return that.size() == 1 ? Optional.of(that.getFirst()) : Optional.empty();
    }

    /** The same row of the same center's register always has the same event id; spacing and case do not matter. */
    static UUID eventId(int centerId, RawRow row) {
        String content = Arrays.stream(Column.values()).map(c -> row.value(c).toUpperCase(Locale.ROOT))
                .reduce("paper-register:" + centerId, (a, b) -> a + "\u001f" + b);
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<Column, Integer> layout(List<String> header) throws ListFileException {
        var positions = new EnumMap<Column, Integer>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i) == null ? "" : header.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            for (Column column : Column.values()) {
                if (column.header.equals(cell) && positions.putIfAbsent(column, i) != null) {
                    throw new ListFileException("beneficiary.error.list-column-twice", column.header);
                }
            }
        }
        List<String> missing = Arrays.stream(Column.values()).filter(c -> c.required && !positions.containsKey(c)).map(c -> c.header).toList();
        if (!missing.isEmpty()) {
            throw new ListFileException("beneficiary.error.list-columns-missing", String.join(", ", missing),
                    String.join(", ", header.stream().filter(h -> h != null && !h.isBlank()).limit(20).toList()));
        }
        return positions;
    }

    private UUID keep(int centerId, StaffPrincipal by, String fileName, List<ReportRow> report) {
        UUID id = UUID.randomUUID();
        String name = fileName == null || fileName.isBlank() ? "register.csv" : fileName.length() > 200 ? fileName.substring(0, 200) : fileName;
        jdbc.sql("""
                        insert into paper_register_imports (id, center_id, staff_id, file_name, accepted, duplicates, conflicts, refused)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, centerId, by.id(), name, count(report, "ACCEPTED"), count(report, "DUPLICATE"), count(report, "CONFLICT"),
                        count(report, "REFUSED")).update();
        for (ReportRow row : report) {
            jdbc.sql("insert into paper_register_rows (import_id, row_no, reference_id, dose, lot_number, outcome, message) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, row.rowNo(), row.referenceId(), row.dose(), row.lotNumber(), row.outcome(), row.message()).update();
        }
        return id;
    }

    private static int count(List<ReportRow> report, String outcome) {
        return (int) report.stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    /** An import of the staff member's own center, with its rows. */
    public Imported find(UUID id, StaffPrincipal by) {
        int centerId = CenterSync.ownCenter(by, Permission.RECORD_DOSES);
        Summary summary = jdbc.sql("""
                        select id, file_name, imported_at, accepted, duplicates, conflicts, refused
                        from paper_register_imports where id = ? and center_id = ?""")
                .params(id, centerId).query(Summary.class).optional()
                .orElseThrow(RegisterImportNotFoundException::new);
        List<ReportRow> rows = jdbc.sql("""
                        select row_no, reference_id, dose, lot_number, outcome, message
                        from paper_register_rows where import_id = ? order by row_no""")
                .param(id).query(ReportRow.class).list();
        return new Imported(summary, rows);
    }

    /** The center's latest imports, newest first. */
    public List<Summary> recent(StaffPrincipal by) {
        int centerId = CenterSync.ownCenter(by, Permission.RECORD_DOSES);
        return jdbc.sql("""
                        select id, file_name, imported_at, accepted, duplicates, conflicts, refused
                        from paper_register_imports where center_id = ? order by imported_at desc limit 20""")
                .param(centerId).query(Summary.class).list();
    }

    record RawRow(int number, Map<Column, String> values) {

        String value(Column column) {
            return values.getOrDefault(column, "");
        }
    }

    public record ReportRow(int rowNo, String referenceId, String dose, String lotNumber, String outcome, String message) {
    }

    public record Summary(UUID id, String fileName, OffsetDateTime importedAt, int accepted, int duplicates, int conflicts, int refused) {
    }

    public record Imported(Summary summary, List<ReportRow> rows) {
    }

    /** No import of this id at the staff member's center. */
    public static class RegisterImportNotFoundException extends NotFoundException {

        RegisterImportNotFoundException() {
            super("offline.register.error.unknown");
        }
    }
}
