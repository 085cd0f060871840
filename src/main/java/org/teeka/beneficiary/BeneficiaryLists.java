package org.teeka.beneficiary;

import jakarta.annotation.PreDestroy;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.teeka.account.Permission;
import org.teeka.account.StaffScope;
import org.teeka.beneficiary.list.ListFileException;
import org.teeka.beneficiary.list.ListFileType;
import org.teeka.beneficiary.list.ListLayout;
import org.teeka.beneficiary.list.ListRow;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.platform.CsvCells;
import org.teeka.platform.NotFoundException;
import org.teeka.platform.OutOfScopeException;
import org.teeka.platform.Secrets;
import org.teeka.platform.TeekaException;
import org.teeka.platform.TeekaSettings;
import org.teeka.vaccine.VaccineCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Beneficiary lists: a district's CSV or XLSX file of people (health workers first) to register,
 * book at the district's centers and tell by SMS.
 * <p>
 * The upload is read twice, both times as a stream. The first reading, during the request, checks
 * the file as a whole (a CSV or XLSX file, UTF-8, a header with every required column, at least one
 * row and not too many); a file that fails it is refused with its reason and nothing is imported.
 * The second, in the background, checks each row and imports the good ones a chunk at a time (see
 * {@link ListImporter}). Success is per row: a bad row is refused and reported, the others go on.
 * The import record counts what was committed, and its report names every row and what became of
 * it, so partial success is always visible. If the import stops part way (its node stops or dies),
 * the import is marked failed with the rows done; uploading the same file again imports the rest,
 * as the rows imported before are recognised by their ID numbers and reported as such.
 * <p>
 * The uploaded file holds full ID numbers, so it is kept only while the import runs, readable by
 * this process's user only, and removed at the end (or at the next start after a crash).
 */
@Service
public class BeneficiaryLists {

    private static final Logger log = LoggerFactory.getLogger(BeneficiaryLists.class);
    private static final String COLUMNS = """
            id, state_id, district_id, file_name, file_type, center_ids, vaccine_code, status, problem, problem_args,
            ignored_columns, rows_total, rows_done, accepted, booked, waitlisted, rejected, created_by, created_at, finished_at""";
    private static final int REPORT_PAGE = 5_000;

    private final JdbcClient jdbc;
    private final ListImporter importer;
    private final Geography geography;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final Secrets secrets;
    private final MessageSource messages;
    private final ListImportSettings settings;
    private final Clock clock;
    private final Path directory;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("list-import-", 0).factory());
    private volatile boolean stopping;

    BeneficiaryLists(JdbcClient jdbc, ListImporter importer, Geography geography, Centers centers, VaccineCatalog vaccines,
                     Secrets secrets, MessageSource messages, ListImportSettings settings, TeekaSettings teeka, Clock clock) {
        this.jdbc = jdbc;
        this.importer = importer;
        this.geography = geography;
        this.centers = centers;
        this.vaccines = vaccines;
        this.secrets = secrets;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
        this.directory = teeka.dataDir().resolve("imports");
    }

    /**
     * Receives a list for a district the scope covers. A file refused as a whole comes back as a
     * {@link ListImport.Status#REJECTED REJECTED} import naming why; a readable one as a
     * {@link ListImport.Status#RUNNING RUNNING} import whose rows are being imported in the background.
     *
     * @param requestKey the upload form's idempotency key: a second upload with it returns the first import; may be null
     * @param centerIds the district's centers whose sessions the list may use; empty for all of them
     * @param vaccineCode only sessions of this vaccine; null for any
     * @param language the uploader's: the SMS language of people whose row and mobile name none
     * @throws OutOfScopeException when the district lies outside the scope, or the role may not import
     * @throws ListRefusedException when a center is not in the district, or the vaccine unknown
     */
    public ListImport start(String requestKey, String fileName, InputStreamSource content, int districtId, List<Integer> centerIds,
                            String vaccineCode, StaffScope scope, String username, Locale language) throws IOException {
        scope.require(Permission.IMPORT_BENEFICIARIES);
        String key = requestKey == null || requestKey.isBlank() ? null : username + ":" + requestKey.strip();
        var earlier = byRequestKey(key);
        if (earlier.isPresent()) {
            return get(earlier.get().id(), scope);
        }
        District district = geography.district(districtId).orElseThrow(() -> new ListRefusedException("beneficiary.error.district-unknown"));
        if (!scope.coversDistrict(district.stateId(), district.id())) {
            throw new OutOfScopeException();
        }
        Map<Integer, Center> districtCenters = centers.inDistrict(district.id()).stream()
                .collect(Collectors.toMap(Center::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        var chosen = new LinkedHashSet<>(centerIds == null || centerIds.isEmpty() ? districtCenters.keySet() : centerIds);
        if (chosen.isEmpty()) {
            throw new ListRefusedException("beneficiary.error.list-no-centers");
        }
        for (int centerId : chosen) {
            if (!districtCenters.containsKey(centerId)) {
                throw new ListRefusedException("beneficiary.error.list-center-elsewhere", String.valueOf(centerId));
            }
        }
        String vaccine = vaccineCode == null || vaccineCode.isBlank() ? null : vaccineCode;
        if (vaccine != null && vaccines.find(vaccine).isEmpty()) {
            throw new ListRefusedException("beneficiary.error.list-vaccine-unknown");
        }
        String name = fileName(fileName);
        String lang = "hi".equals(language.getLanguage()) ? "hi" : "en";

        Path file = store(content);
        boolean handedOver = false;
        try {
            ListFileType type = null;
            var layout = new AtomicReference<ListLayout>();
            int rows;
            try {
                type = ListFileType.of(file, name);
                rows = count(type, file, layout);
            } catch (ListFileException refused) {
                Long id = insert(key, district, name, type, chosen, vaccine, lang, "REJECTED", refused.code(), refused.arguments(), null,
                        null, username);
                if (id == null) {
                    return byRequestKey(key).orElseThrow();
                }
                log.info("List {} of district {} refused: {}", id, district.id(), refused.code());
                return find(id).orElseThrow();
            }
            Long id = insert(key, district, name, type, chosen, vaccine, lang, "RUNNING", null, null, layout.get().ignored(), rows, username);
            if (id == null) {
                // the same upload, sent twice at once: the other one imports it
                return byRequestKey(key).orElseThrow();
            }
            int defaultPincode = districtCenters.get(chosen.iterator().next()).pincode();
            var check = new ListRowCheck(messages, districtCenters, defaultPincode, Year.now(clock),
                    photoId -> secrets.hmac(photoId.type().name() + ":" + photoId.number()));
            var job = new ListImporter.Job(id, district.id(), Set.copyOf(chosen), vaccine, Locale.forLanguageTag(lang), check);
            ListFileType reading = type;
            runner.execute(() -> run(job, reading, file));
            handedOver = true;
            log.info("List {} of district {}: {} rows to import", id, district.id(), rows);
            return find(id).orElseThrow();
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** An import the scope covers. */
    public ListImport get(long id, StaffScope scope) {
        scope.require(Permission.IMPORT_BENEFICIARIES);
        markStale();
        ListImport found = find(id).orElseThrow(() -> new ListNotFoundException(id));
        if (!scope.coversDistrict(found.stateId(), found.districtId())) {
            throw new OutOfScopeException();
        }
        return found;
    }

    /** The latest imports the scope covers, newest first. */
    public List<ListImport> visibleTo(StaffScope scope, int limit) {
        scope.require(Permission.IMPORT_BENEFICIARIES);
        markStale();
        return jdbc.sql("select " + COLUMNS + """
                         from beneficiary_imports
                        where state_id = :state and (cast(:district as integer) is null or district_id = :district)
                        order by id desc limit :limit""")
                .param("state", scope.stateId())
                .param("district", scope.districtId())
                .param("limit", limit)
                .query(BeneficiaryLists::listImport).list();
    }

    /** The first refused rows of an import, by row number. */
    public List<ReportLine> refusedRows(long id, StaffScope scope, int limit) {
        get(id, scope);
        return jdbc.sql("select " + LINE_COLUMNS + " from beneficiary_import_rows where import_id = ? and outcome = 'REJECTED' order by row_no limit ?")
                .params(id, limit).query(BeneficiaryLists::line).list();
    }

    /** The message of a report line's reason, in the language. */
    public String reason(ReportLine line, Locale language) {
        return line.reason() == null ? "" : messages.getMessage(line.reason(), line.reasonArguments().toArray(), line.reason(), language);
    }

    /**
     * Writes an import's report as CSV in the reader's language: one line per data row of the file
     * (booked where and when, waiting, or refused and why), then the reason the file was refused or
     * the import stopped, if it was. Every cell that a spreadsheet would take for a formula is
     * neutralised. Read a page at a time, so a report of any length takes little memory.
     */
    public void writeReport(long id, StaffScope scope, Locale language, Appendable out) throws IOException {
        ListImport found = get(id, scope);
        Map<Integer, Center> names = centers.inDistrict(found.districtId()).stream()
                .collect(Collectors.toMap(Center::id, Function.identity()));
        // not closed: the caller owns the output
        var csv = new CSVPrinter(out, CSVFormat.RFC4180);
        csv.printRecord(Arrays.stream(new String[] {"row", "outcome", "name", "reference-id", "center", "date", "time", "column", "reason"})
                .map(h -> CsvCells.safe(message("beneficiary.list.report." + h, language))).toList());
        int after = 0;
        while (true) {
            List<ReportLine> page = jdbc.sql("select " + LINE_COLUMNS + " from beneficiary_import_rows where import_id = ? and row_no > ? order by row_no limit ?")
                    .params(id, after, REPORT_PAGE).query(BeneficiaryLists::line).list();
            for (ReportLine line : page) {
                Center center = line.centerId() == null ? null : names.get(line.centerId());
                csv.printRecord(CsvCells.safe(
                        String.valueOf(line.rowNumber()),
                        message(line.outcome().messageKey(), language),
                        line.name(),
                        line.referenceId(),
                        center == null ? null : center.name(language),
                        line.date() == null ? null : line.date().toString(),
                        line.startsAt() == null ? null : line.startsAt() + "–" + line.endsAt(),
                        line.column(),
                        reason(line, language)));
            }
            if (page.size() < REPORT_PAGE) {
                break;
            }
            after = page.getLast().rowNumber();
        }
        if (found.problem() != null) {
            csv.printRecord(CsvCells.safe(null, message(found.status().messageKey(), language), null, null, null, null, null, null,
                    messages.getMessage(found.problem(), found.problemArguments().toArray(), found.problem(), language)));
        }
        csv.flush();
    }

    private String message(String key, Locale language) {
        return messages.getMessage(key, null, key, language);
    }

    private void run(ListImporter.Job job, ListFileType type, Path file) {
        try {
            var chunk = new ArrayList<ListRow>(settings.chunkSize());
            type.reader().read(file, layout -> {
            }, row -> {
                if (stopping) {
                    throw new StoppingException();
                }
                chunk.add(row);
                if (chunk.size() >= settings.chunkSize()) {
                    importer.write(job, chunk);
                    chunk.clear();
                }
            });
            if (!chunk.isEmpty()) {
                importer.write(job, chunk);
            }
            int done = jdbc.sql("update beneficiary_imports set status = 'DONE', finished_at = now(), updated_at = now() where id = ? and status = 'RUNNING'")
                    .param(job.importId()).update();
            if (done == 1) {
                log.info("List {} imported", job.importId());
            }
        } catch (StoppingException e) {
            fail(job.importId(), "beneficiary.error.list-interrupted");
        } catch (ListImporter.ImportStoppedException e) {
            log.warn(e.getMessage());
        } catch (Exception e) {
            log.error("List {} stopped", job.importId(), e);
            fail(job.importId(), "beneficiary.error.list-failed");
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.error("Could not remove the uploaded list {}; it holds ID numbers, remove it by hand", file, e);
            }
        }
    }

    private void fail(long id, String problem) {
        try {
            jdbc.sql("""
                            update beneficiary_imports set status = 'FAILED', problem = ?, problem_args = array[rows_done::text],
                                   finished_at = now(), updated_at = now()
                            where id = ? and status = 'RUNNING'""")
                    .params(problem, id).update();
        } catch (RuntimeException e) {
            log.error("List {} could not be marked failed; it will be once it is stale", id, e);
        }
    }

    /** Marks failed the imports whose node has committed nothing for too long: it stopped or died. */
    int markStale() {
        return jdbc.sql("""
                        update beneficiary_imports set status = 'FAILED', problem = 'beneficiary.error.list-interrupted',
                               problem_args = array[rows_done::text], finished_at = now()
                        where status = 'RUNNING' and updated_at < now() - make_interval(secs => ?)""")
                .param((double) settings.staleAfter().toSeconds()).update();
    }

    /** Removes uploads left by a node that stopped without cleaning up; at start no import of this node runs. */
    @EventListener(ApplicationReadyEvent.class)
    void cleanUp() throws IOException {
        if (Files.isDirectory(directory)) {
            try (var left = Files.list(directory)) {
                for (Path file : left.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        markStale();
    }

    /** Lets running imports finish their chunk and marks them interrupted, so a stop never leaves them looking alive. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        runner.shutdown();
        if (!runner.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("List imports did not stop in time");
        }
    }

    private Path store(InputStreamSource content) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "list-", ".upload",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (InputStream in = content.getInputStream()) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private int count(ListFileType type, Path file, AtomicReference<ListLayout> layout) throws ListFileException, IOException {
        int[] rows = {0};
        try {
            type.reader().read(file, layout::set, row -> {
                if (++rows[0] > settings.maxRows()) {
                    throw new TooManyRowsException();
                }
            });
        } catch (TooManyRowsException e) {
            throw new ListFileException("beneficiary.error.list-too-many-rows", settings.maxRows());
        }
        if (rows[0] == 0) {
            throw new ListFileException("beneficiary.error.list-no-rows");
        }
        return rows[0];
    }

    /** The new import's id; null when an import with this request key exists already. */
    private Long insert(String requestKey, District district, String fileName, ListFileType type, Set<Integer> centerIds,
                        String vaccine, String language, String status, String problem, List<String> problemArguments,
                        List<String> ignored, Integer rows, String username) {
        return jdbc.sql("""
                        insert into beneficiary_imports (request_key, state_id, district_id, file_name, file_type, center_ids, vaccine_code,
                                                         language, status, problem, problem_args, ignored_columns, rows_total, created_by,
                                                         finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? = 'REJECTED' then now() end)
                        on conflict (request_key) do nothing
                        returning id""")
                .params(requestKey, district.stateId(), district.id(), fileName, type == null ? null : type.name(),
                        centerIds.toArray(Integer[]::new), vaccine, language, status, problem,
                        problemArguments == null ? null : problemArguments.toArray(String[]::new),
                        ignored == null ? null : ignored.toArray(String[]::new), rows, username, status)
                .query(Long.class).optional().orElse(null);
    }

    private java.util.Optional<ListImport> byRequestKey(String key) {
        return key == null ? java.util.Optional.empty()
                : jdbc.sql("select " + COLUMNS + " from beneficiary_imports where request_key = ?").param(key)
                .query(BeneficiaryLists::listImport).optional();
    }

    private java.util.Optional<ListImport> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from beneficiary_imports where id = ?").param(id)
                .query(BeneficiaryLists::listImport).optional();
    }

    /** The name the file is shown by: without any folder a browser sent, at most 255 characters. */
    private static String fileName(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            name = "list";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static final String LINE_COLUMNS = """
            row_no, outcome, name, column_name, reason, array(select jsonb_array_elements_text(reason_args)) as reason_args,
            beneficiary_id, reference_id, center_id, session_date, slot_starts_at, slot_ends_at""";

    private static ReportLine line(ResultSet rs, int row) throws SQLException {
        return new ReportLine(rs.getInt("row_no"), ReportLine.Outcome.valueOf(rs.getString("outcome")), rs.getString("name"),
                rs.getString("column_name"), rs.getString("reason"), strings(rs, "reason_args"),
                rs.getObject("beneficiary_id", UUID.class), rs.getString("reference_id"), (Integer) rs.getObject("center_id"),
                rs.getObject("session_date", LocalDate.class), rs.getObject("slot_starts_at", LocalTime.class),
                rs.getObject("slot_ends_at", LocalTime.class));
    }

    private static ListImport listImport(ResultSet rs, int row) throws SQLException {
        Integer[] centerIds = (Integer[]) rs.getArray("center_ids").getArray();
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new ListImport(rs.getLong("id"), rs.getInt("state_id"), rs.getInt("district_id"), rs.getString("file_name"),
                rs.getString("file_type"), List.of(centerIds), rs.getString("vaccine_code"),
                ListImport.Status.valueOf(rs.getString("status")), rs.getString("problem"), strings(rs, "problem_args"),
                strings(rs, "ignored_columns"), (Integer) rs.getObject("rows_total"), rs.getInt("rows_done"), rs.getInt("accepted"),
                rs.getInt("booked"), rs.getInt("waitlisted"), rs.getInt("rejected"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        var array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** The list cannot be taken as asked: a center outside the district, an unknown vaccine. */
    public static class ListRefusedException extends TeekaException {

        ListRefusedException(String code, Object... arguments) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, code, arguments);
        }
    }

    /** No import with this id. */
    public static class ListNotFoundException extends NotFoundException {

        ListNotFoundException(long id) {
            super("beneficiary.error.list-not-found", String.valueOf(id));
        }
    }

    private static final class TooManyRowsException extends RuntimeException {

        TooManyRowsException() {
            super(null, null, false, false);
        }
    }

    private static final class StoppingException extends RuntimeException {

        StoppingException() {
            super(null, null, false, false);
        }
    }
}
