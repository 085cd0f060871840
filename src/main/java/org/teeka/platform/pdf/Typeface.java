package org.teeka.platform.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The fonts bundled under {@code /fonts} (Noto Sans and Noto Sans Devanagari, SIL OFL 1.1), so a
 * document looks the same on every machine whatever fonts the system has.
 */
enum Typeface {

    LATIN("NotoSans-Regular.ttf"),
    LATIN_BOLD("NotoSans-Bold.ttf"),
    DEVANAGARI("NotoSansDevanagari-Regular.ttf"),
    DEVANAGARI_BOLD("NotoSansDevanagari-Bold.ttf");

    private final byte[] file;
    private final Font awtFont;

    Typeface(String fileName) {
        String resource = "/fonts/" + fileName;
        try (InputStream in = Typeface.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the classpath");
            }
            file = in.readAllBytes();
            awtFont = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(file));
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("cannot load the bundled font " + resource, e);
        }
    }

    static Typeface of(boolean bold, boolean devanagari) {
        if (devanagari) {
            return bold ? DEVANAGARI_BOLD : DEVANAGARI;
        }
        return bold ? LATIN_BOLD : LATIN;
    }

    /** The TrueType file; callers must not modify it. */
    byte[] file() {
        return file;
    }

    Font awtFont(float size) {
        return awtFont.deriveFont(size);
    }

    boolean canDisplay(int codePoint) {
        return awtFont.canDisplay(codePoint);
    }
}
