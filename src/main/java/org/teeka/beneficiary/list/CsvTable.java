package org.teeka.beneficiary.list;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a CSV file with Apache Commons CSV (RFC 4180: quoted values may hold commas, quotes and
 * line breaks; CRLF, LF and CR line ends may be mixed). The text must be UTF-8, with or without a
 * byte order mark; anything else is refused, never guessed, since a wrongly decoded Hindi name
 * would go out in an SMS.
 *
 * <p>Public so that other modules' uploads (the paper dose register) check files exactly as lists
 * are checked: the first non-blank row is the header, blank rows are skipped, and a file that is
 * empty, not UTF-8, UTF-16 or broken CSV is refused as a whole with a {@link ListFileException}.
 */
public final class CsvTable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private CsvTable() {
    }

    /** Receives the header row's cells. */
    @FunctionalInterface
    public interface Header {
        void accept(List<String> cells) throws ListFileException;
    }

    /** Receives a data row's cells; {@code number} is the row's number as a spreadsheet shows it (the header is row 1). */
    @FunctionalInterface
    public interface Row {
        void accept(int number, List<String> cells) throws ListFileException;
    }

    /** Reads the whole file: the header first, then each non-blank row in file order. */
    public static void read(Path file, Header header, Row rows) throws ListFileException, IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            skipByteOrderMark(in);
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try (CSVParser parser = CSVParser.builder().setReader(new InputStreamReader(in, decoder)).setFormat(FORMAT).get()) {
                parse(parser, header, rows);
            }
        } catch (NotUtf8Exception e) {
            throw new ListFileException("beneficiary.error.list-not-utf8", lineOfFirstInvalidByte(file));
        }
    }

    private static void parse(CSVParser parser, Header header, Row rows) throws ListFileException, IOException {
        boolean headerRead = false;
        var records = parser.iterator();
        long linesRead = 0;
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw new NotUtf8Exception();
                }
                if (e.getCause() instanceof CSVException) {
                    throw new ListFileException("beneficiary.error.list-csv-broken", linesRead + 1);
                }
                throw e.getCause();
            }
            linesRead = parser.getCurrentLineNumber();
            var cells = record.toList();
            if (ListLayout.blank(cells)) {
                continue;
            }
            if (!headerRead) {
                header.accept(cells);
                headerRead = true;
            } else {
                rows.accept(Math.toIntExact(record.getRecordNumber()), cells);
            }
        }
        if (!headerRead) {
            throw new ListFileException("beneficiary.error.list-empty");
        }
    }

    /**
     * The line holding the first byte that is not UTF-8: the reader decodes ahead of the parser,
     * so the parser's position does not say. Lines end with LF, CRLF or CR, as the parser's do.
     */
    private static long lineOfFirstInvalidByte(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        boolean afterCarriageReturn = false;
        try (var channel = Files.newByteChannel(file)) {
            while (true) {
                boolean end = channel.read(in) < 0;
                in.flip();
                int start = in.position();
                CoderResult result = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    byte b = in.get(i);
                    if (b == '\n' && !afterCarriageReturn || b == '\r') {
                        line++;
                    }
                    afterCarriageReturn = b == '\r';
                }
                if (result.isError() || end) {
                    return line;
                }
                out.clear();
                in.compact();
            }
        }
    }

    /** Thrown inside the parsing to leave it and find the line. */
    private static final class NotUtf8Exception extends RuntimeException {

        NotUtf8Exception() {
            super(null, null, false, false);
        }
    }

    /** Skips a UTF-8 byte order mark; refuses UTF-16 and UTF-32 (what Excel's "Unicode text" writes). */
    private static void skipByteOrderMark(InputStream in) throws IOException, ListFileException {
        in.mark(4);
        byte[] start = in.readNBytes(4);
        in.reset();
        if (start.length >= 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF) {
            in.skipNBytes(3);
        } else if (start.length >= 2 && ((start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE
                || (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF)) {
            throw new ListFileException("beneficiary.error.list-utf16");
        }
    }
}
