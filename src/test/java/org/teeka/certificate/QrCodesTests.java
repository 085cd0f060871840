package org.teeka.certificate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.teeka.platform.pdf.PdfDocument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodesTests {

    private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    /**
     * A certificate's code is dense (about 1,030 characters), and its data sometimes looks like a
     * finder pattern to ZXing. With the likeliest three finder patterns alone, 3 of these 50 pages
     * did not read (and about 1 in 23 of random certificates in the full test suite).
     */
    @Test
    void everyDenseCodePrintedOnAPageReadsBack() throws IOException {
        Random random = new Random(1);
        List<Integer> unread = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder payload = new StringBuilder(QrPayload.PREFIX);
            for (int j = 0; j < 1030; j++) {
                payload.append(BASE45.charAt(random.nextInt(BASE45.length())));
            }
            byte[] pdf = PdfDocument.a4().heading("Provisional certificate of vaccination").line("Name", "Radha Kumari")
                    .qrCode(QrCodes.scaled(QrCodes.image(payload.toString()), 4), 70)
                    .paragraph("Verify it at https://teeka.example/verify").toBytes();
            try (var document = Loader.loadPDF(pdf)) {
                if (!QrCodes.decode(new PDFRenderer(document).renderImageWithDPI(0, 200)).equals(Optional.of(payload.toString()))) {
                    unread.add(i);
                }
            }
        }
        assertThat(unread).isEmpty();
    }
}
