package org.teeka.platform.pdf;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A one-page PDF of headings, "label: value" rows, paragraphs and a QR code, set top to bottom,
 * in English, Hindi or both mixed in one line; for appointment slips and certificates.
 *
 * <p>Hindi comes out right (conjuncts such as क्ष and श्र, the ि matra before its consonant, the
 * reph) because each line is shaped by the JDK's text layout and the resulting glyphs are written
 * into the PDF as they are, in the bundled Noto fonts, embedded as subsets. The text stays vector
 * and can be found by search; Devanagari runs also carry their original text as
 * {@code /ActualText}, so viewers that honour it copy them correctly.
 *
 * <pre>{@code
 * byte[] pdf = PdfDocument.a5()
 *         .heading("Appointment slip / अपॉइंटमेंट पर्ची")
 *         .line("Center", "तेज बहादुर सप्रू अस्पताल, Prayagraj")
 *         .toBytes();
 * }</pre>
 *
 * Not thread-safe; {@link #toBytes()} may be called more than once.
 */
public final class PdfDocument {

    private static final float POINTS_PER_MM = 72f / 25.4f;
    private static final float MARGIN = 15 * POINTS_PER_MM;
    private static final float HEADING_SIZE = 16;
    private static final float BODY_SIZE = 10.5f;
    /** Devanagari needs room above (matras, reph) and below (u-matras) the Latin line. */
    private static final float LINE_HEIGHT = 1.6f;
    private static final float ASCENT = 1.1f;

    private sealed interface Block {
    }

    private record Heading(String text) implements Block {
    }

    private record Row(String label, String value) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record QrCode(BufferedImage image, int sizeMm) implements Block {
    }

    private final PDRectangle pageSize;
    private final String pageName;
    private final List<Block> blocks = new ArrayList<>();

    private PdfDocument(PDRectangle pageSize, String pageName) {
        this.pageSize = pageSize;
        this.pageName = pageName;
    }

    /** An empty A5 portrait page (148 × 210 mm) with 15 mm margins. */
    public static PdfDocument a5() {
        return new PdfDocument(PDRectangle.A5, "A5");
    }

    /** An empty A4 portrait page (210 × 297 mm) with 15 mm margins. */
    public static PdfDocument a4() {
        return new PdfDocument(PDRectangle.A4, "A4");
    }

    /** Adds a large bold line, wrapped if it is wider than the page. */
    public PdfDocument heading(String text) {
        blocks.add(new Heading(Objects.requireNonNull(text, "text must not be null")));
        return this;
    }

    /** Adds a row "label: value" with the label in bold; a long value wraps under itself. */
    public PdfDocument line(String label, String value) {
        blocks.add(new Row(Objects.requireNonNull(label, "label must not be null"),
                Objects.requireNonNull(value, "value must not be null")));
        return this;
    }

    /** Adds text wrapped to the page width; a line break in the text starts a new line. */
    public PdfDocument paragraph(String text) {
        blocks.add(new Paragraph(Objects.requireNonNull(text, "text must not be null")));
        return this;
    }

    /** Adds an image (a QR code) {@code sizeMm} wide and high, centred, drawn without smoothing. */
    public PdfDocument qrCode(BufferedImage image, int sizeMm) {
        Objects.requireNonNull(image, "image must not be null");
        if (sizeMm <= 0) {
            throw new IllegalArgumentException("sizeMm must be positive but was " + sizeMm);
        }
        blocks.add(new QrCode(image, sizeMm));
        return this;
    }

    /**
     * The PDF.
     *
     * @throws IllegalStateException if the content does not fit on one page
     */
    public byte[] toBytes() {
        try (PDDocument document = new PDDocument(); PageContent content = new PageContent(document)) {
            PDPage page = new PDPage(pageSize);
            document.addPage(page);
            layOut(content);
            page.setResources(content.resources);
            PDStream stream = new PDStream(document);
            try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(content.operators.toString().getBytes(StandardCharsets.US_ASCII));
            }
            page.setContents(stream);
            content.embedFonts();
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF", e);
        }
    }

    private void layOut(PageContent content) throws IOException {
        float left = MARGIN;
        float width = pageSize.getWidth() - 2 * MARGIN;
        float top = pageSize.getHeight() - MARGIN;
        for (Block block : blocks) {
            switch (block) {
                case Heading heading -> {
                    for (ShapedText line : wrap(heading.text(), true, HEADING_SIZE, width)) {
                        top = text(content, line, left, top, HEADING_SIZE);
                    }
                    top -= HEADING_SIZE * 0.4f;
                }
                case Row row -> {
                    ShapedText label = ShapedText.of(row.label() + ": ", true, BODY_SIZE);
                    List<ShapedText> values = wrap(row.value(), false, BODY_SIZE, width - label.width());
                    top = text(content, label.followedBy(values.getFirst()), left, top, BODY_SIZE);
                    for (ShapedText value : values.subList(1, values.size())) {
                        top = text(content, value, left + label.width(), top, BODY_SIZE);
                    }
                }
                case Paragraph paragraph -> {
                    top -= BODY_SIZE * 0.4f;
                    for (ShapedText line : wrap(paragraph.text(), false, BODY_SIZE, width)) {
                        top = text(content, line, left, top, BODY_SIZE);
                    }
                }
                case QrCode qr -> {
                    float side = qr.sizeMm() * POINTS_PER_MM;
                    top -= BODY_SIZE * 0.4f;
                    float bottom = fit(top, side, () -> "a " + qr.sizeMm() + " mm QR code");
                    content.image(qr.image(), left + (width - side) / 2, bottom, side);
                    top = bottom;
                }
            }
        }
    }

    /** Draws one line whose top is at {@code top}; returns the top of the next line. */
    private float text(PageContent content, ShapedText line, float left, float top, float size) throws IOException {
        float bottom = fit(top, size * LINE_HEIGHT, () -> "the text \"" + line.text() + "\"");
        content.text(line, left, top - size * ASCENT);
        return bottom;
    }

    private float fit(float top, float height, Supplier<String> what) {
        float bottom = top - height;
        if (bottom < MARGIN) {
            throw new IllegalStateException("the content does not fit on one " + pageName + " page: no room left for " + what.get());
        }
        return bottom;
    }

    /** Breaks at spaces so that each line is at most {@code maxWidth}; a single longer word stays whole. */
    private static List<ShapedText> wrap(String text, boolean bold, float size, float maxWidth) {
        List<ShapedText> lines = new ArrayList<>();
        for (String hardLine : text.split("\n", -1)) {
            String current = "";
            ShapedText shaped = ShapedText.of("", bold, size);
            for (String word : hardLine.strip().split("\\s+")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                ShapedText longer = ShapedText.of(candidate, bold, size);
                if (!current.isEmpty() && longer.width() > maxWidth) {
                    lines.add(shaped);
                    current = word;
                    shaped = ShapedText.of(word, bold, size);
                } else {
                    current = candidate;
                    shaped = longer;
                }
            }
            lines.add(shaped);
        }
        return lines;
    }

    /** The page's content stream operators and the fonts and images they use. */
    private static final class PageContent implements AutoCloseable {

        private record EmbeddedFont(COSName name, PDType0Font font, TrueTypeFont file, float thousandthsPerUnit) {
        }

        private static final HexFormat HEX = HexFormat.of().withUpperCase();

        private final PDDocument document;
        private final PDResources resources = new PDResources();
        private final StringBuilder operators = new StringBuilder();
        private final Map<Typeface, EmbeddedFont> fonts = new EnumMap<>(Typeface.class);

        PageContent(PDDocument document) {
            this.document = document;
        }

        /**
         * Shows the shaped glyphs by glyph id (Identity-H, where a code is the glyph id), each at the
         * position the layout gave it: a TJ adjustment where it differs from the font's own advance,
         * a text rise where a mark sits above or below the baseline.
         */
        void text(ShapedText line, float left, float baseline) throws IOException {
            for (ShapedText.Run run : line.runs()) {
                if (run.glyphs().isEmpty()) {
                    continue;
                }
                EmbeddedFont font = font(run.face());
                boolean devanagari = run.face() == Typeface.DEVANAGARI || run.face() == Typeface.DEVANAGARI_BOLD;
                if (devanagari) {
                    operators.append("/Span <</ActualText <FEFF")
                            .append(HEX.formatHex(run.text().getBytes(StandardCharsets.UTF_16BE)))
                            .append(">>> BDC\n");
                }
                float size = run.size();
                float pen = run.glyphs().getFirst().x();
                float rise = 0;
                operators.append("BT\n").append('/').append(font.name().getName()).append(' ')
                        .append(number(size)).append(" Tf\n")
                        .append("1 0 0 1 ").append(number(left + pen)).append(' ').append(number(baseline)).append(" Tm\n[");
                for (ShapedText.Glyph glyph : run.glyphs()) {
                    if (Math.abs(glyph.y() - rise) > 0.001f) {
                        rise = glyph.y();
                        operators.append("] TJ\n").append(number(rise)).append(" Ts\n[");
                    }
                    float shift = glyph.x() - pen;
                    if (Math.abs(shift) > 0.001f) {
                        operators.append(' ').append(number(-shift * 1000 / size)).append(' ');
                        pen += shift;
                    }
                    font.font().addGlyphsToSubset(Set.of(glyph.id()));
                    operators.append('<').append(HEX.formatHex(font.font().encodeGlyphId(glyph.id()))).append('>');
                    pen += Math.round(font.file().getAdvanceWidth(glyph.id()) * font.thousandthsPerUnit()) * size / 1000;
                }
                operators.append("] TJ\n");
                if (rise != 0) {
                    operators.append("0 Ts\n");
                }
                operators.append("ET\n");
                if (devanagari) {
                    operators.append("EMC\n");
                }
            }
        }

        void image(BufferedImage image, float x, float y, float side) throws IOException {
            COSName name = resources.add(LosslessFactory.createFromImage(document, image));
            operators.append("q ").append(number(side)).append(" 0 0 ").append(number(side)).append(' ')
                    .append(number(x)).append(' ').append(number(y)).append(" cm /").append(name.getName()).append(" Do Q\n");
        }

        private EmbeddedFont font(Typeface face) throws IOException {
            EmbeddedFont font = fonts.get(face);
            if (font == null) {
                TrueTypeFont file = new TTFParser().parse(new RandomAccessReadBuffer(face.file()));
                PDType0Font pdfFont = PDType0Font.load(document, file, true);
                font = new EmbeddedFont(resources.add(pdfFont), pdfFont, file, 1000f / file.getUnitsPerEm());
                fonts.put(face, font);
            }
            return font;
        }

        /**
         * Writes each font's subset of the glyphs shown. PDFBox does this on save only for fonts set
         * through its own content stream, which cannot show glyphs by id.
         */
        void embedFonts() throws IOException {
            for (EmbeddedFont font : fonts.values()) {
                font.font().subset();
            }
        }

        @Override
        public void close() throws IOException {
            for (EmbeddedFont font : fonts.values()) {
                font.file().close();
            }
        }

        private static String number(float value) {
            return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
    }
}
