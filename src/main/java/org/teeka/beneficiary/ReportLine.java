package org.teeka.beneficiary;

import org.teeka.beneficiary.list.ListColumn;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * What became of one data row of a list: booked (where and when), waiting, or refused (which
 * column, and why as a message key with its arguments, rendered in the reader's language).
 *
 * @param name the name as registered, or as given when it looked like a name; null otherwise
 * @param column the header name of the column at fault, or null when the row as a whole is
 */
public record ReportLine(int rowNumber, Outcome outcome, String name, String column, String reason, List<String> reasonArguments,
                         UUID beneficiaryId, String referenceId, Integer centerId, LocalDate date, LocalTime startsAt,
                         LocalTime endsAt) {

    public enum Outcome {
        BOOKED,
        WAITLISTED,
        REJECTED;

        public String messageKey() {
            return "beneficiary.list.outcome." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ReportLine {
        reasonArguments = reasonArguments == null ? List.of() : List.copyOf(reasonArguments);
    }

    static ReportLine refused(int rowNumber, String name, ListColumn column, String reason, List<String> arguments) {
        return new ReportLine(rowNumber, Outcome.REJECTED, name, column == null ? null : column.headerName(), reason, arguments,
                null, null, null, null, null, null);
    }

    static ReportLine placed(int rowNumber, Beneficiary beneficiary, ListAllocation.Placement placement) {
        return new ReportLine(rowNumber, placement.booked() ? Outcome.BOOKED : Outcome.WAITLISTED, beneficiary.name(), null, null,
                List.of(), beneficiary.id(), beneficiary.referenceId(), placement.centerId(), placement.date(),
                placement.startsAt(), placement.endsAt());
    }
}
