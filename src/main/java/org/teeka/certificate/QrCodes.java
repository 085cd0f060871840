package org.teeka.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Draws a QR code as an image, and finds one in a photo or scan (ZXing). */
public final class QrCodes {

    /** Images are read scaled down to about this many pixels on their longer side: plenty for a QR, and bounded memory. */
    private static final int READ_SIDE = 2000;
    /** An image claiming more pixels than this (a "decompression bomb") is not read at all. */
    private static final long MAX_PIXELS = 100_000_000L;

    private QrCodes() {
    }

    /** A black-on-white QR code of the text, one pixel per module with a four-module quiet zone; scale it when drawing. */
    public static BufferedImage image(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0xff000000 : 0xffffffff);
                }
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalArgumentException("the text does not fit in a QR code: " + e.getMessage(), e);
        }
    }

    /** The image scaled up by a whole factor, for a PNG a scanner reads easily. */
    public static BufferedImage scaled(BufferedImage image, int factor) {
        BufferedImage big = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor, BufferedImage.TYPE_BYTE_BINARY);
        var graphics = big.createGraphics();
        graphics.drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
        graphics.dispose();
        return big;
    }

    /** What the image is not. */
    public enum Unreadable {
        /** Not an image format the JDK reads (PNG, JPEG, GIF, BMP), or too large. */
        NOT_AN_IMAGE,
        /** An image, but no QR code was found in it. */
        NO_QR_CODE
    }

    /** The text of the QR code in the image, or why there is none. */
    public record Read(String text, Unreadable problem) {
    }

    /** Reads the QR code in an uploaded image; the image is subsampled while decoding so that a large photo costs little memory. */
    public static Read read(InputStream upload) throws IOException {
        BufferedImage image;
        try (ImageInputStream input = ImageIO.createImageInputStream(upload)) {
            if (input == null) {
                return new Read(null, Unreadable.NOT_AN_IMAGE);
            }
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return new Read(null, Unreadable.NOT_AN_IMAGE);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    return new Read(null, Unreadable.NOT_AN_IMAGE);
                }
                int step = (int) Math.max(1, (Math.max(width, height) + READ_SIDE - 1) / READ_SIDE);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                image = reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                return new Read(null, Unreadable.NOT_AN_IMAGE);
            } finally {
                reader.dispose();
            }
        }
        return decode(image).map(text -> new Read(text, null)).orElseGet(() -> new Read(null, Unreadable.NO_QR_CODE));
    }

    /**
     * Reads the QR code: first as a photo is read (local thresholds, trying harder); then trying every
     * set of three finder patterns, not only the likeliest (a dense code's data can look like a finder
     * pattern: 3 in 50 certificate pages did not read without this); then with one global threshold;
     * then as a clean, upright code filling the image (a scan or a generated image).
     */
    static Optional<String> decode(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        var source = new RGBLuminanceSource(width, height, image.getRGB(0, 0, width, height, null, 0, width));
        var tryHarder = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        List<Attempt> attempts = List.of(
                () -> new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), tryHarder).getText(),
                () -> new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), tryHarder)[0].getText(),
                () -> new QRCodeReader().decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), tryHarder).getText(),
                () -> new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
        for (Attempt attempt : attempts) {
            try {
                return Optional.of(attempt.text());
            } catch (ReaderException e) {
                // not found this way; try the next
            }
        }
        return Optional.empty();
    }

    /** One way of reading the code. */
    private interface Attempt {
        String text() throws ReaderException;
    }
}
