package org.teeka.beneficiary.list;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the first sheet of an XLSX workbook as a stream of SAX events through Apache POI's event
 * API: the sheet is never built in memory, one row's cells at a time are. The shared strings
 * table is held in memory, as POI's streaming readers all do; it is bounded by the upload limit,
 * and POI refuses entries that inflate suspiciously (zip bombs). Numbers are read as the digits
 * stored, not as a cell format would show them, so a mobile or an Aadhaar number typed as a
 * number is not turned into {@code 9.88E+09}.
 */
final class XlsxListReader implements ListReader {

    @Override
    public void read(Path file, Consumer<ListLayout> header, Consumer<ListRow> rows) throws ListFileException, IOException {
        SheetHandler handler = null;
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            var reader = new XSSFReader(workbook);
            var strings = new ReadOnlySharedStringsTable(workbook, false);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ListFileException("beneficiary.error.list-empty");
            }
            handler = new SheetHandler(strings, header, rows);
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(handler);
                xml.parse(new InputSource(sheet));
            }
            if (handler.layout == null) {
                throw new ListFileException("beneficiary.error.list-empty");
            }
        } catch (SAXException e) {
            if (handler != null && handler.problem != null) {
                throw handler.problem;
            }
            if (e.getException() instanceof RuntimeException thrownByCaller) {
                throw thrownByCaller;
            }
            throw new ListFileException("beneficiary.error.list-not-xlsx");
        } catch (OpenXML4JException | ParserConfigurationException | org.apache.poi.UnsupportedFileFormatException
                 | org.apache.poi.ooxml.POIXMLException | IOException e) {
            // POI reports a broken or bomb-like zip as an IOException: a file that cannot be read is not a list
            throw new ListFileException("beneficiary.error.list-not-xlsx");
        }
    }

    private static final class SheetHandler extends DefaultHandler {

        private final ReadOnlySharedStringsTable strings;
        private final Consumer<ListLayout> header;
        private final Consumer<ListRow> rows;
        private final StringBuilder text = new StringBuilder();
        private final List<String> cells = new ArrayList<>();
        private ListLayout layout;
        private ListFileException problem;
        private int rowNumber;
        private int column;
        private String type;
        private boolean inValue;
        private boolean inInlineText;
        private String value;

        SheetHandler(ReadOnlySharedStringsTable strings, Consumer<ListLayout> header, Consumer<ListRow> rows) {
            this.strings = strings;
            this.header = header;
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (name(localName, qName)) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r != null ? Integer.parseInt(r) : rowNumber + 1;
                    cells.clear();
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref != null ? columnOf(ref) : cells.size();
                    type = attributes.getValue("t");
                    value = null;
                    text.setLength(0);
                }
                case "v" -> {
                    inValue = true;
                    text.setLength(0);
                }
                case "t" -> inInlineText = "inlineStr".equals(type);
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inInlineText) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (name(localName, qName)) {
                case "v" -> {
                    inValue = false;
                    value = text.toString();
                }
                case "t" -> inInlineText = false;
                case "c" -> {
                    while (cells.size() <= column) {
                        cells.add(null);
                    }
                    cells.set(column, cellValue());
                }
                case "row" -> endRow();
                default -> {
                }
            }
        }

        private String cellValue() {
            if ("inlineStr".equals(type)) {
                return text.toString();
            }
            if (value == null) {
                return null;
            }
            if ("s".equals(type)) {
                return strings.getItemAt(Integer.parseInt(value.strip())).getString();
            }
            if (type == null || "n".equals(type)) {
                return plainNumber(value);
            }
            return value;
        }

        private void endRow() throws SAXException {
            if (ListLayout.blank(cells)) {
                return;
            }
            if (layout == null) {
                try {
                    layout = ListLayout.of(cells);
                } catch (ListFileException e) {
                    problem = e;
                    throw new SAXException("the header is not usable");
                }
                header.accept(layout);
            } else {
                rows.accept(layout.row(rowNumber, cells));
            }
        }

        private static String plainNumber(String raw) {
            try {
                return new BigDecimal(raw.strip()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }

        /** The zero-based column of a cell reference such as {@code AB12}. */
        private static int columnOf(String reference) {
            int column = 0;
            for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
                column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
            }
            return column - 1;
        }

        private static String name(String localName, String qName) {
            return localName != null && !localName.isEmpty() ? localName : qName.substring(qName.indexOf(':') + 1);
        }
    }
}
