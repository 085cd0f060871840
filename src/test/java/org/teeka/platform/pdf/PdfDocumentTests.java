package org.teeka.platform.pdf;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The sample slip is rendered to {@code target/screenshots/pdf-sample.png} so a person can check
 * the Hindi by eye; the shaping tests check the two things a non-shaping PDF library gets wrong.
 */
class PdfDocumentTests {

    static final String HINDI_SAMPLE =
            "प्रयागराज के तेज बहादुर सप्रू अस्पताल में कोविशील्ड की पहली खुराक, क्षेत्र, श्रीमती, किशोर";

    /** A reph over a consonant that takes the i-matra: PDFBox's own Devanagari support gets these wrong. */
    static final String HINDI_REPH_SAMPLE = "द्वितीय खुराक के बाद सर्टिफ़िकेट ज़िला कार्यालय से लें; आर्थिक सहायता हेतु हेल्पलाइन।";

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static PdfDocument sampleSlip() {
        return PdfDocument.a5()
                .heading("Appointment slip / अपॉइंटमेंट पर्ची")
                .line("Reference", "TK-2021-000123")
                .line("Beneficiary / लाभार्थी", "श्रीमती सुनीता देवी (Sunita Devi)")
                .line("Center / केंद्र", "तेज बहादुर सप्रू अस्पताल, Prayagraj")
                .line("Date / तिथि", "15 May 2021, 10:30 to 11:00")
                .paragraph(HINDI_SAMPLE)
                .paragraph(HINDI_REPH_SAMPLE)
                .paragraph("Please bring the photo ID you registered with. Your second dose is due 28 days after the first.")
                .qrCode(checkerboard(), 30);
    }

    @Test
    void writesAPdfOfOneA5Page() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sampleSlip().toBytes())) {
            assertThat(pdf.getNumberOfPages()).isOne();
            PDRectangle size = pdf.getPage(0).getMediaBox();
            assertThat(size.getWidth()).isEqualTo(PDRectangle.A5.getWidth());
            assertThat(size.getHeight()).isEqualTo(PDRectangle.A5.getHeight());
        }
    }

    @Test
    void keepsTheEnglishTextExtractable() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sampleSlip().toBytes())) {
            String text = new PDFTextStripper().getText(pdf);

            assertThat(text).contains("Appointment slip", "Reference: TK-2021-000123", "Sunita Devi",
                    "Prayagraj", "Please bring the photo ID you registered with.");
        }
    }

    @Test
    void embedsOnlyTheBundledNotoFontsAsSubsets() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sampleSlip().toBytes())) {
            PDPage page = pdf.getPage(0);
            List<String> fonts = new ArrayList<>();
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts.add(font.getName().substring(font.getName().indexOf('+') + 1));
            }

            assertThat(fonts).containsExactlyInAnyOrder("NotoSans-Bold", "NotoSans-Regular",
                    "NotoSansDevanagari-Bold", "NotoSansDevanagari-Regular");
        }
    }

    @Test
    void drawsTheQrCodeAsAnImage() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sampleSlip().toBytes())) {
            var resources = pdf.getPage(0).getResources();
            List<PDImageXObject> images = new ArrayList<>();
            for (var name : resources.getXObjectNames()) {
                images.add((PDImageXObject) resources.getXObject(name));
            }

            assertThat(images).singleElement().satisfies(image -> assertThat(image.getWidth()).isEqualTo(29));
        }
    }

    @Test
    void rendersThePageForAPersonToLookAt() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(sampleSlip().toBytes())) {
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
            Files.createDirectories(SCREENSHOTS);
            Path png = SCREENSHOTS.resolve("pdf-sample.png");
            ImageIO.write(page, "png", png.toFile());

            assertThat(page.getWidth()).isEqualTo(Math.round(PDRectangle.A5.getWidth() / 72 * 150));
            assertThat(png).isNotEmptyFile();
        }
    }

    @Test
    void shapesAConjunctIntoOneGlyph() {
        ShapedText kssa = ShapedText.of("क्ष", false, 12);

        assertThat(kssa.runs()).singleElement().satisfies(run -> assertThat(run.glyphs()).hasSize(1));
    }

    @Test
    void placesTheIMatraBeforeItsConsonant() throws IOException {
        ShapedText ki = ShapedText.of("कि", false, 12);

        // the font picks the i-matra whose loop reaches over this consonant: one of several widths
        assertThat(glyphNames(ki)).satisfiesExactly(
                first -> assertThat(first).startsWith("ivowelsign"),
                second -> assertThat(second).isEqualTo("kadeva"));
    }

    @Test
    void setsHindiInTheDevanagariFontAndEnglishInTheLatinFont() {
        ShapedText mixed = ShapedText.of("Center / केंद्र, Prayagraj", true, 12);

        assertThat(mixed.runs()).extracting(ShapedText.Run::face, ShapedText.Run::text).containsExactly(
                tuple(Typeface.LATIN_BOLD, "Center / "),
                tuple(Typeface.DEVANAGARI_BOLD, "केंद्र, "),
                tuple(Typeface.LATIN_BOLD, "Prayagraj"));
    }

    @Test
    void refusesContentThatDoesNotFitOnOnePage() {
        PdfDocument document = PdfDocument.a5();
        for (int i = 0; i < 40; i++) {
            document.line("Line " + i, "पंक्ति " + i);
        }

        assertThatThrownBy(document::toBytes)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not fit on one A5 page");
    }

    /** The PostScript names of the glyphs, in the order they are drawn. */
    private static List<String> glyphNames(ShapedText text) throws IOException {
        ShapedText.Run run = text.runs().getFirst();
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(run.face().file()))) {
            List<String> names = new ArrayList<>();
            for (ShapedText.Glyph glyph : run.glyphs()) {
                names.add(font.getPostScript().getName(glyph.id()));
            }
            return names;
        }
    }

    /** Stands in for a QR code: 29 × 29 modules, as in a version 3 code. */
    private static BufferedImage checkerboard() {
        BufferedImage image = new BufferedImage(29, 29, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 29, 29);
        g.setColor(Color.BLACK);
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < 29; x++) {
                if ((x + y) % 2 == 0 || x < 7 && y < 7) {
                    g.fillRect(x, y, 1, 1);
                }
            }
        }
        g.dispose();
        return image;
    }
}
