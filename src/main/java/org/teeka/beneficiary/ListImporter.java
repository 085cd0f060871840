package org.teeka.beneficiary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.beneficiary.ListRowCheck.Checked;
import org.teeka.beneficiary.list.ListColumn;
import org.teeka.beneficiary.list.ListRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a list's rows a chunk at a time. A chunk is one transaction: its people registered, booked
 * or put on the waitlist with their SMS, its report lines and the import's counters, all or
 * nothing, so a crash never leaves a row half-written and the counters always match the lines. A
 * chunk the database refuses as a whole (a lock lost to a deadlock, say) is tried again; one that
 * fails otherwise is written row by row, so one bad row costs only itself, and is reported.
 */
@Component
class ListImporter {

    private static final Logger log = LoggerFactory.getLogger(ListImporter.class);
    private static final int ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Beneficiaries beneficiaries;
    private final ObjectProvider<ListAllocation> allocations;

    ListImporter(JdbcClient jdbc, TransactionTemplate transaction, Beneficiaries beneficiaries,
                 ObjectProvider<ListAllocation> allocations) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.beneficiaries = beneficiaries;
        this.allocations = allocations;
    }

    /** What one import needs to write its rows. */
    record Job(long importId, int districtId, Set<Integer> centerIds, String vaccineCode, Locale defaultLanguage,
               ListRowCheck check) {
    }

    /** Writes the rows, each reported exactly once. */
    void write(Job job, List<ListRow> rows) {
        try {
            withRetries(job, rows);
        } catch (ImportStoppedException stopped) {
            throw stopped;
        } catch (DataAccessException | IllegalStateException e) {
            if (rows.size() == 1) {
                log.warn("List {}: row {} could not be written: {}", job.importId(), rows.getFirst().number(), e.toString());
                transaction.executeWithoutResult(status -> record(job, List.of(ReportLine.refused(rows.getFirst().number(), null,
                        null, "beneficiary.error.list-row-failed", List.of()))));
                return;
            }
            log.info("List {}: rows {} to {} are written one by one after {}", job.importId(), rows.getFirst().number(),
                    rows.getLast().number(), e.toString());
            for (ListRow row : rows) {
                write(job, List.of(row));
            }
        }
    }

    private void withRetries(Job job, List<ListRow> rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> writeChunk(job, rows));
                return;
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void writeChunk(Job job, List<ListRow> rows) {
        var lines = new ReportLine[rows.size()];
        var valid = new ArrayList<Checked.Valid>();
        var validAt = new ArrayList<Integer>();
        for (int i = 0; i < rows.size(); i++) {
            switch (job.check().check(rows.get(i))) {
                case Checked.Invalid invalid -> lines[i] = invalid.line();
                case Checked.Valid person -> {
                    valid.add(person);
                    validAt.add(i);
                }
            }
        }

        // the same ID twice: earlier in this chunk, in an earlier chunk or list, or registered some other way
        Map<String, Earlier> earlier = earlier(valid.stream().map(v -> v.person()).toList());
        var firstRow = new HashMap<String, Integer>();
        var people = new ArrayList<ListedPerson>();
        var peopleAt = new ArrayList<Integer>();
        for (int k = 0; k < valid.size(); k++) {
            Checked.Valid person = valid.get(k);
            int i = validAt.get(k);
            String key = person.person().idKey();
            Earlier before = earlier.get(key);
            Integer sameInChunk = firstRow.putIfAbsent(key, person.rowNumber());
            if (before != null) {
                lines[i] = duplicate(person, before, job.importId());
            } else if (sameInChunk != null) {
                lines[i] = refused(person, ListColumn.ID_NUMBER, "beneficiary.error.list-duplicate-row", List.of(String.valueOf(sameInChunk)));
            } else {
                people.add(person.person());
                peopleAt.add(k);
            }
        }

        List<Registration> registrations = people.isEmpty() ? List.of()
                : beneficiaries.registerAll(people, job.districtId(), job.defaultLanguage());
        var toPlace = new ArrayList<ListAllocation.Person>();
        var placeAt = new ArrayList<Integer>();
        for (int j = 0; j < registrations.size(); j++) {
            Checked.Valid person = valid.get(peopleAt.get(j));
            int i = validAt.get(peopleAt.get(j));
            switch (registrations.get(j)) {
                case Registration.Refused refused -> lines[i] = refused(person, columnOf(refused.code()), refused.code(), refused.arguments());
                case Registration.Registered registered -> {
                    toPlace.add(new ListAllocation.Person(registered.beneficiary(), person.preferredCenterId(), registered.language()));
                    placeAt.add(i);
                }
            }
        }
        if (!toPlace.isEmpty()) {
            ListAllocation allocation = allocations.getIfAvailable();
            if (allocation == null) {
                throw new IllegalStateException("No module places the people of a list: the booking module is missing");
            }
            var placements = allocation.place(toPlace, job.centerIds(), job.vaccineCode());
            for (int j = 0; j < toPlace.size(); j++) {
                int i = placeAt.get(j);
                lines[i] = ReportLine.placed(rows.get(i).number(), toPlace.get(j).beneficiary(), placements.get(j));
            }
        }
        record(job, List.of(lines));
    }

    /** Writes report lines and adds them to the import's counts, refusing when the import no longer runs. */
    private void record(Job job, List<ReportLine> lines) {
        int n = lines.size();
        var rowNumbers = new Integer[n];
        var outcomes = new String[n];
        var names = new String[n];
        var columns = new String[n];
        var reasons = new String[n];
        var arguments = new String[n];
        var beneficiaryIds = new UUID[n];
        var references = new String[n];
        var centers = new Integer[n];
        var dates = new String[n];
        var starts = new String[n];
        var ends = new String[n];
        int booked = 0;
        int waitlisted = 0;
        int rejected = 0;
        for (int i = 0; i < n; i++) {
            ReportLine line = lines.get(i);
            rowNumbers[i] = line.rowNumber();
            outcomes[i] = line.outcome().name();
            names[i] = line.name();
            columns[i] = line.column();
            reasons[i] = line.reason();
            arguments[i] = line.reason() == null ? null : json(line.reasonArguments());
            beneficiaryIds[i] = line.beneficiaryId();
            references[i] = line.referenceId();
            centers[i] = line.centerId();
            dates[i] = line.date() == null ? null : line.date().toString();
            starts[i] = line.startsAt() == null ? null : line.startsAt().toString();
            ends[i] = line.endsAt() == null ? null : line.endsAt().toString();
            switch (line.outcome()) {
                case BOOKED -> booked++;
                case WAITLISTED -> waitlisted++;
                case REJECTED -> rejected++;
            }
        }
        jdbc.sql("""
                        insert into beneficiary_import_rows (import_id, row_no, outcome, name, column_name, reason, reason_args,
                                                             beneficiary_id, reference_id, center_id, session_date, slot_starts_at,
                                                             slot_ends_at)
                        select ?, row_no, outcome, name, column_name, reason, cast(reason_args as jsonb), beneficiary_id, reference_id,
                               center_id, cast(session_date as date), cast(starts_at as time), cast(ends_at as time)
                        from unnest(cast(? as integer[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as uuid[]), cast(? as text[]), cast(? as integer[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]))
                             as t(row_no, outcome, name, column_name, reason, reason_args, beneficiary_id, reference_id, center_id,
                                  session_date, starts_at, ends_at)""")
                .params(job.importId(), rowNumbers, outcomes, names, columns, reasons, arguments, beneficiaryIds, references,
                        centers, dates, starts, ends)
                .update();
        int counted = jdbc.sql("""
                        update beneficiary_imports
                        set rows_done = rows_done + ?, accepted = accepted + ?, booked = booked + ?, waitlisted = waitlisted + ?,
                            rejected = rejected + ?, updated_at = now()
                        where id = ? and status = 'RUNNING'""")
                .params(n, booked + waitlisted, booked, waitlisted, rejected, job.importId())
                .update();
        if (counted != 1) {
            throw new ImportStoppedException(job.importId());
        }
    }

    private record Earlier(Long importId, Integer rowNumber) {
    }

    /** The people already registered with one of these IDs, and the list row that registered them, if one did. */
    private Map<String, Earlier> earlier(List<ListedPerson> people) {
        var found = new HashMap<String, Earlier>();
        if (people.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select b.id_type || ':' || b.id_hash, r.import_id, r.row_no
                        from beneficiaries b left join beneficiary_import_rows r on r.beneficiary_id = b.id
                        where (b.id_type, b.id_hash) in (select * from unnest(cast(? as text[]), cast(? as text[])))""")
                .params(people.stream().map(p -> p.photoId().type().name()).toArray(String[]::new),
                        people.stream().map(ListedPerson::idHash).toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), new Earlier((Long) rs.getObject(2), (Integer) rs.getObject(3)));
                });
        return found;
    }

    private static ReportLine duplicate(Checked.Valid person, Earlier before, long importId) {
        if (before.importId() == null) {
            return refused(person, ListColumn.ID_NUMBER, "beneficiary.error.id-taken", List.of());
        }
        if (before.importId() == importId) {
            return refused(person, ListColumn.ID_NUMBER, "beneficiary.error.list-duplicate-row", List.of(String.valueOf(before.rowNumber())));
        }
        return refused(person, ListColumn.ID_NUMBER, "beneficiary.error.list-imported-before",
                List.of(String.valueOf(before.importId()), String.valueOf(before.rowNumber())));
    }

    private static ReportLine refused(Checked.Valid person, ListColumn column, String code, List<String> arguments) {
        return ReportLine.refused(person.rowNumber(), person.person().name(), column, code, arguments);
    }

    private static ListColumn columnOf(String code) {
        return switch (code) {
            case "beneficiary.error.pincode-elsewhere" -> ListColumn.PINCODE;
            case "beneficiary.error.list-family-full" -> ListColumn.MOBILE;
            default -> ListColumn.ID_NUMBER;
        };
    }

    /** A JSON array of strings. */
    static String json(List<String> values) {
        var json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }

    /** The import is no longer running (it was marked failed elsewhere): its rows must not be counted. */
    static class ImportStoppedException extends RuntimeException {

        ImportStoppedException(long importId) {
            super("List import " + importId + " is no longer running");
        }
    }
}
