package org.teeka.beneficiary;

import java.time.Instant;
import java.util.List;

/**
 * One uploaded beneficiary list and what came of it so far. The counts are those of committed
 * rows: {@code rowsDone = accepted + rejected} and {@code accepted = booked + waitlisted}, which
 * the database checks.
 *
 * @param rowsTotal the data rows the file holds; null when the file was refused before they were counted
 * @param problem message key of why the file was refused or the import stopped; null otherwise
 */
public record ListImport(long id, int stateId, int districtId, String fileName, String fileType, List<Integer> centerIds,
                         String vaccineCode, Status status, String problem, List<String> problemArguments,
                         List<String> ignoredColumns, Integer rowsTotal, int rowsDone, int accepted, int booked,
                         int waitlisted, int rejected, String createdBy, Instant createdAt, Instant finishedAt) {

    public enum Status {
        /** Rows are being imported. */
        RUNNING,
        /** Every row was imported or refused; see the report. */
        DONE,
        /** The file as a whole was refused; nothing was imported. */
        REJECTED,
        /** Stopped part way (the node stopped, or the database failed): the rows counted stand, the rest were not read. */
        FAILED;

        public String messageKey() {
            return "beneficiary.list.status." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ListImport {
        centerIds = List.copyOf(centerIds);
        problemArguments = problemArguments == null ? List.of() : List.copyOf(problemArguments);
        ignoredColumns = ignoredColumns == null ? List.of() : List.copyOf(ignoredColumns);
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** How far the import is, 0 to 100. */
    public int percentDone() {
        return rowsTotal == null || rowsTotal == 0 ? (status == Status.RUNNING ? 0 : 100) : (int) (100L * rowsDone / rowsTotal);
    }
}
