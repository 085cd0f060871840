package org.teeka.beneficiary.list;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading list files as streams, without the application: what a row is, and which files are refused whole. */
class ListReaderTests {

    @TempDir
    Path dir;

    @Test
    void recognisesHeadersWrittenLooselyAndNamesTheColumnsItIgnores() throws Exception {
        var rows = readCsv("S.No.,Name,Mobile No.,Year of Birth,Sex,Photo ID Type,ID No,Category,Remarks\r\n"
                + "1,Sunita Devi,9876543210,1985,F,Aadhaar,234567890124,Health worker,night shift\r\n");

        assertThat(rows.layout().ignored()).containsExactly("S.No.", "Remarks");
        assertThat(rows.rows()).singleElement().satisfies(row -> {
            assertThat(row.number()).isEqualTo(2);
            assertThat(row.value(ListColumn.NAME)).isEqualTo("Sunita Devi");
            assertThat(row.value(ListColumn.MOBILE)).isEqualTo("9876543210");
            assertThat(row.value(ListColumn.ID_NUMBER)).isEqualTo("234567890124");
            assertThat(row.value(ListColumn.PINCODE)).isNull();
        });
    }

    @Test
    void numbersRowsAsASpreadsheetShowsThemSkippingBlankOnes() throws Exception {
        var rows = readCsv("name,mobile,birth_year,gender,id_type,id_number,category\n"
                + "A,1,1,F,x,1,c\n"
                + "\n"
                + ",,,,,,\n"
                + "\"B\nB\",2,2,M,x,2,c\r"
                + "C,3,3,M,x,3,c,,,\n"
                + "D,4\n");

        assertThat(rows.rows()).extracting(ListRow::number).containsExactly(2, 5, 6, 7);
        assertThat(rows.rows().get(1).value(ListColumn.NAME)).isEqualTo("B\nB");
        assertThat(rows.rows().get(2).extraValues()).isZero();
        assertThat(rows.rows().get(3).value(ListColumn.BIRTH_YEAR)).isNull();
    }

    @Test
    void countsValuesRightOfTheLastColumn() throws Exception {
        var rows = readCsv("name,mobile,birth_year,gender,id_type,id_number,category\nKumar, Ramesh,1,1,F,x,1,c\n");

        assertThat(rows.rows().getFirst().extraValues()).isEqualTo(1);
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingWhereTheyStart() throws Exception {
        byte[] text = "name,mobile,birth_year,gender,id_type,id_number,category\nA,1,1,F,x,1,c\nJos\u00E9,2,2,M,x,2,c\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(ListFileType.CSV, write("latin1.csv", text)))
                .isInstanceOf(ListFileException.class)
                .satisfies(e -> {
                    assertThat(((ListFileException) e).code()).isEqualTo("beneficiary.error.list-not-utf8");
                    assertThat(((ListFileException) e).arguments()).containsExactly("3");
                });
    }

    @Test
    void readsAWorkbookOneRowAtATimeWithNumbersAsTheirDigits() throws Exception {
        Path file = dir.resolve("list.xlsx");
        try (var workbook = new SXSSFWorkbook(10); OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            String[] header = {"name", "mobile", "birth_year", "gender", "id_type", "id_number", "category"};
            var first = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                first.createCell(c).setCellValue(header[c]);
            }
            var row = sheet.createRow(3);
            row.createCell(0).setCellValue("सुनीता देवी");
            row.createCell(1).setCellValue(9876543210d);
            row.createCell(2).setCellValue(1985);
            row.createCell(3).setCellValue("F");
            row.createCell(4).setCellValue("Aadhaar");
            row.createCell(5).setCellValue(234567890124d);
            row.createCell(8).setCellValue("stray");
            workbook.write(out);
        }

        var rows = read(ListFileType.of(file, "list.xlsx"), file);

        assertThat(rows.rows()).singleElement().satisfies(row -> {
            assertThat(row.number()).isEqualTo(4);
            assertThat(row.value(ListColumn.NAME)).isEqualTo("सुनीता देवी");
            assertThat(row.value(ListColumn.MOBILE)).isEqualTo("9876543210");
            assertThat(row.value(ListColumn.BIRTH_YEAR)).isEqualTo("1985");
            assertThat(row.value(ListColumn.ID_NUMBER)).isEqualTo("234567890124");
            assertThat(row.value(ListColumn.CATEGORY)).isNull();
            assertThat(row.extraValues()).isEqualTo(1);
        });
    }

    @Test
    void tellsFilesApartByTheirFirstBytes() throws Exception {
        assertThat(ListFileType.of(write("list", "name\n".getBytes(StandardCharsets.UTF_8)), "list")).isEqualTo(ListFileType.CSV);
        assertThat(ListFileType.of(write("x.bin", new byte[] {0x50, 0x4B, 0x03, 0x04}), "list.csv")).isEqualTo(ListFileType.XLSX);
        assertThatThrownBy(() -> ListFileType.of(write("y.bin", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}), "list.csv"))
                .hasMessage("beneficiary.error.list-not-xlsx");
        assertThatThrownBy(() -> ListFileType.of(write("z.bin", new byte[0]), "list.csv")).hasMessage("beneficiary.error.list-empty");
    }

    private record Read(ListLayout layout, List<ListRow> rows) {
    }

    private Read readCsv(String text) throws Exception {
        return read(ListFileType.CSV, write("list.csv", text.getBytes(StandardCharsets.UTF_8)));
    }

    private Read read(ListFileType type, Path file) throws Exception {
        var layout = new ListLayout[1];
        var rows = new ArrayList<ListRow>();
        type.reader().read(file, l -> layout[0] = l, rows::add);
        return new Read(layout[0], rows);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
