package org.teeka.beneficiary.list;

/**
 * One data row of a list as read, before any check.
 *
 * @param number the row's number as a spreadsheet shows it: the header is row 1
 * @param extraValues how many non-empty cells lie right of the header's last column
 */
public record ListRow(int number, String[] values, int extraValues) {

    /** The trimmed value of a column; null when the cell is empty or absent. */
    public String value(ListColumn column) {
        return values[column.ordinal()];
    }
}
