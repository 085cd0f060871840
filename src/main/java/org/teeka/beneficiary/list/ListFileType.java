package org.teeka.beneficiary.list;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The kinds of file a list may come in, told apart by their first bytes, not only their names. */
public enum ListFileType {
    CSV,
    XLSX;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    /** The type of an uploaded file, or why it is neither a CSV nor an XLSX file. */
    public static ListFileType of(Path file, String fileName) throws IOException, ListFileException {
        byte[] start = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, 4);
        }
        if (read == 0) {
            throw new ListFileException("beneficiary.error.list-empty");
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (read == 4 && java.util.Arrays.equals(start, ZIP)) {
            return XLSX;
        }
        if (read == 4 && java.util.Arrays.equals(start, OLE2) || name.endsWith(".xlsx") || name.endsWith(".xls")) {
            // an .xls workbook, or an .xlsx one that is password-protected (both OLE2 containers)
            throw new ListFileException("beneficiary.error.list-not-xlsx");
        }
        if (name.endsWith(".csv") || name.endsWith(".txt") || !name.contains(".")) {
            return CSV;
        }
        throw new ListFileException("beneficiary.error.list-file-type");
    }

    /** Reads the file's rows one at a time. */
    public ListReader reader() {
        return this == CSV ? new CsvListReader() : new XlsxListReader();
    }
}
