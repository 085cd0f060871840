package org.teeka.beneficiary;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Beneficiary list files for tests: rows of made-up people with IDs no other test uses, as CSV or XLSX. */
final class ListFiles {

    static final String HEADER = "name,mobile,birth_year,gender,id_type,id_number,category,preferred_center_id,language";

    private final List<String[]> rows = new ArrayList<>();

    /** A mobile number no other test is likely to use: 7 then nine random digits. */
    static String newMobile() {
        return "7" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    /** A valid Aadhaar number (Verhoeff check digit right) drawn at random. */
    static String newAadhaar() {
        return AadhaarNumbers.withCheckDigit(Long.toString(ThreadLocalRandom.current().nextLong(20_000_000_000L, 100_000_000_000L)));
    }

    /** A health worker with an Aadhaar number of their own. */
    ListFiles person(String name, String mobile) {
        return row(name, mobile, "1985", "F", "Aadhaar", newAadhaar(), "Health worker", "", "");
    }

    /** A row of values in the order of {@link #HEADER}. */
    ListFiles row(String... values) {
        rows.add(values);
        return this;
    }

    List<String[]> rows() {
        return rows;
    }

    byte[] csv() {
        return csv("\r\n").getBytes(StandardCharsets.UTF_8);
    }

    String csv(String lineEnd) {
        var text = new StringBuilder(HEADER).append(lineEnd);
        for (String[] row : rows) {
            text.append(String.join(",", Arrays.stream(row).map(ListFiles::quoted).toList())).append(lineEnd);
        }
        return text.toString();
    }

    /** The rows as a workbook written with POI's streaming writer; mobiles and Aadhaar numbers as numbers, as Excel keeps them when typed. */
    byte[] xlsx() throws IOException {
        try (var workbook = new SXSSFWorkbook(50); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Health workers");
            var header = sheet.createRow(0);
            String[] names = HEADER.split(",");
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r + 1);
                String[] values = rows.get(r);
                for (int c = 0; c < values.length; c++) {
                    if (values[c].matches("[0-9]{4,12}")) {
                        row.createCell(c).setCellValue(Double.parseDouble(values[c]));
                    } else if (!values[c].isEmpty()) {
                        row.createCell(c).setCellValue(values[c]);
                    }
                }
            }
            workbook.write(out);
            workbook.close();
            return out.toByteArray();
        }
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
