package org.teeka.beneficiary.list;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams a list file: the header row is read first (the first row that is not blank), then each
 * non-blank data row is handed over in file order and forgotten, so memory does not grow with the
 * file. A problem with the file as a whole is a {@link ListFileException}; a problem with one row's
 * values is for the caller to find.
 */
public sealed interface ListReader permits CsvListReader, XlsxListReader {

    /**
     * Reads the whole file.
     *
     * @param header called once with the header row's layout, before any row
     * @param rows called with each data row; an exception it throws stops the reading and is rethrown
     */
    void read(Path file, Consumer<ListLayout> header, Consumer<ListRow> rows) throws ListFileException, IOException;
}
