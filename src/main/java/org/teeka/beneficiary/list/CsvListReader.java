package org.teeka.beneficiary.list;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a CSV list with Apache Commons CSV through {@link CsvTable} (RFC 4180: quoted values may
 * hold commas, quotes and line breaks; CRLF, LF and CR line ends may be mixed). The text must be
 * UTF-8, with or without a byte order mark; anything else is refused, never guessed, since a
 * wrongly decoded Hindi name would go out in an SMS.
 */
final class CsvListReader implements ListReader {

    @Override
    public void read(Path file, Consumer<ListLayout> header, Consumer<ListRow> rows) throws ListFileException, IOException {
        var layout = new ListLayout[1];
        CsvTable.read(file, cells -> {
            layout[0] = ListLayout.of(cells);
            header.accept(layout[0]);
        }, (number, cells) -> rows.accept(layout[0].row(number, cells)));
    }
}
