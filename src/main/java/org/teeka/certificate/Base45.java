package org.teeka.certificate;

import java.io.ByteArrayOutputStream;

/** RFC 9285 Base45: bytes as QR alphanumeric characters, two bytes in three characters. */
final class Base45 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private Base45() {
    }

    static String encode(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 3 / 2 + 2);
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xff) * 256 + (bytes[i + 1] & 0xff);
            text.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (bytes.length % 2 == 1) {
            int n = bytes[bytes.length - 1] & 0xff;
            text.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return text.toString();
    }

    /** @throws IllegalArgumentException when the text is not Base45 */
    static byte[] decode(String text) {
        if (text.length() % 3 == 1) {
            throw new IllegalArgumentException("a Base45 text is never 3n+1 characters long");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() * 2 / 3 + 1);
        for (int i = 0; i < text.length(); i += 3) {
            if (i + 2 < text.length()) {
                int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45 + value(text.charAt(i + 2)) * 2025;
                if (n > 0xffff) {
                    throw new IllegalArgumentException("a Base45 triple is over 65535");
                }
                bytes.write(n >> 8);
                bytes.write(n & 0xff);
            } else {
                int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45;
                if (n > 0xff) {
                    throw new IllegalArgumentException("a Base45 pair is over 255");
                }
                bytes.write(n);
            }
        }
        return bytes.toByteArray();
    }

    private static int value(char c) {
        int value = ALPHABET.indexOf(c);
        if (value < 0) {
            throw new IllegalArgumentException("'" + c + "' is not a Base45 character");
        }
        return value;
    }
}
