package org.teeka.beneficiary.list;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each column sits in a list's rows, read from its header row. A header that lacks a
 * required column, or names one twice, refuses the whole file; columns it does not know are
 * ignored and named, so a serial-number column does no harm and a misspelt one is visible.
 */
public final class ListLayout {

    private final Map<ListColumn, Integer> positions;
    private final List<String> ignored;
    private final int width;

    private ListLayout(Map<ListColumn, Integer> positions, List<String> ignored, int width) {
        this.positions = positions;
        this.ignored = List.copyOf(ignored);
        this.width = width;
    }

    /** The layout of a header row, or why the file cannot be read with it. */
    public static ListLayout of(List<String> header) throws ListFileException {
        var positions = new EnumMap<ListColumn, Integer>(ListColumn.class);
        var ignored = new ArrayList<String>();
        int width = 0;
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i) == null ? "" : header.get(i).strip();
            if (cell.isEmpty()) {
                continue;
            }
            width = i + 1;
            var column = ListColumn.named(cell);
            if (column.isEmpty()) {
                ignored.add(cell.length() > 40 ? cell.substring(0, 40) : cell);
            } else if (positions.putIfAbsent(column.get(), i) != null) {
                throw new ListFileException("beneficiary.error.list-column-twice", column.get().headerName());
            }
        }
        List<String> missing = java.util.Arrays.stream(ListColumn.values())
                .filter(c -> c.required() && !positions.containsKey(c)).map(ListColumn::headerName).toList();
        if (!missing.isEmpty()) {
            List<String> found = header.stream().filter(h -> h != null && !h.isBlank()).map(String::strip)
                    .map(h -> h.length() > 40 ? h.substring(0, 40) : h).limit(20).toList();
            throw new ListFileException("beneficiary.error.list-columns-missing", String.join(", ", missing),
                    found.isEmpty() ? "–" : String.join(", ", found));
        }
        return new ListLayout(positions, ignored, width);
    }

    /** Header cells that name no column. */
    public List<String> ignored() {
        return ignored;
    }

    /** A data row's values by column; cells beyond the header's last column are counted, not kept. */
    public ListRow row(int number, List<String> cells) {
        var values = new String[ListColumn.values().length];
        positions.forEach((column, position) -> {
            if (position < cells.size() && cells.get(position) != null) {
                String value = cells.get(position).strip();
                values[column.ordinal()] = value.isEmpty() ? null : value;
            }
        });
        int extra = 0;
        for (int i = width; i < cells.size(); i++) {
            if (cells.get(i) != null && !cells.get(i).isBlank()) {
                extra++;
            }
        }
        return new ListRow(number, values, extra);
    }

    /** Whether every cell of a row is empty: such rows are skipped, as a spreadsheet's blank lines are. */
    public static boolean blank(List<String> cells) {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}
