package org.teeka.platform;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet as SMPP carries it with {@code data_coding} 0: one septet per
 * octet (unpacked), characters of the extension table as {@code ESC} (0x1B) and their code.
 * Both the SMPP client and the local SMSC simulator use it.
 */
public final class Gsm7 {

    private static final char ESCAPE = 0x1B;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** Extension table: the character at index i is sent as ESC followed by EXTENSION_CODES[i]. */
    private static final String EXTENSION = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    static {
        if (BASIC.length() != 128 || EXTENSION.length() != EXTENSION_CODES.length) {
            throw new ExceptionInInitializerError("GSM 03.38 tables are malformed");
        }
    }

    private Gsm7() {
    }

    /** Whether every character of the text has a GSM 03.38 code (basic or extension table). */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The text as unpacked septets, one per byte; extension characters take two. */
    public static byte[] encode(CharSequence text) {
        var out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int extension = EXTENSION.indexOf(c);
            if (extension < 0) {
                throw new IllegalArgumentException("text has a character outside GSM 03.38 at index " + i + ": U+"
                        + Integer.toHexString(c).toUpperCase());
            }
            out.write(ESCAPE);
            out.write(EXTENSION_CODES[extension]);
        }
        return out.toByteArray();
    }

    /** Decodes unpacked septets; an unknown extension code reads as a space, as 03.38 advises. */
    public static String decode(byte[] septets, int offset, int length) {
        var text = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet == ESCAPE && i + 1 < offset + length) {
                int code = septets[++i] & 0x7F;
                int extension = indexOf(EXTENSION_CODES, code);
                text.append(extension >= 0 ? EXTENSION.charAt(extension) : ' ');
            } else {
                text.append(septet == ESCAPE ? ' ' : BASIC.charAt(septet));
            }
        }
        return text.toString();
    }

    private static int indexOf(byte[] codes, int code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }
}
