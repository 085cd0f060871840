package org.teeka.notification;

import org.teeka.platform.Gsm7;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text cut into the {@code short_message}s of SMPP submit_sm PDUs. Latin text that the GSM
 * alphabet can hold goes as GSM-7 ({@code data_coding} 0): 160 characters in one SMS, 153 per
 * part when concatenated. Anything else, Hindi included, goes as UCS-2 ({@code data_coding} 8):
 * 70 characters in one SMS, 67 per part. Parts carry a concatenation header (UDH, 8-bit
 * reference) so the handset shows one message; a GSM escape pair or a UTF-16 surrogate pair is
 * never split between parts.
 *
 * @param dataCoding 0 for GSM-7, 8 for UCS-2
 * @param parts each part's short_message, with its UDH when there is more than one
 */
record SmsSegments(byte dataCoding, List<byte[]> parts) {

    static final byte GSM7 = 0x00;
    static final byte UCS2 = 0x08;
    static final int MAX_PARTS = 255;

    private static final int GSM7_SINGLE = 160;
    private static final int GSM7_PART = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_PART = 67;

    SmsSegments {
        parts = List.copyOf(parts);
    }

    /** Cuts the text; {@code reference} (0–255) tells this message's parts from another's. */
    static SmsSegments of(String text, int reference) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty");
        }
        if (Gsm7.canEncode(text)) {
            byte[] septets = Gsm7.encode(text);
            if (septets.length <= GSM7_SINGLE) {
                return new SmsSegments(GSM7, List.of(septets));
            }
            List<byte[]> chunks = new ArrayList<>();
            int start = 0;
            while (start < septets.length) {
                int end = Math.min(start + GSM7_PART, septets.length);
                // 0x1B only ever opens an escape pair, so a chunk ending in it would split the pair
                if (end < septets.length && septets[end - 1] == 0x1B) {
                    end--;
                }
                chunks.add(Arrays.copyOfRange(septets, start, end));
                start = end;
            }
            return new SmsSegments(GSM7, withHeaders(chunks, reference));
        }
        if (text.length() <= UCS2_SINGLE) {
            return new SmsSegments(UCS2, List.of(text.getBytes(StandardCharsets.UTF_16BE)));
        }
        List<byte[]> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + UCS2_PART, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end).getBytes(StandardCharsets.UTF_16BE));
            start = end;
        }
        return new SmsSegments(UCS2, withHeaders(chunks, reference));
    }

    boolean concatenated() {
        return parts.size() > 1;
    }

    private static List<byte[]> withHeaders(List<byte[]> chunks, int reference) {
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("text needs " + chunks.size() + " parts; at most " + MAX_PARTS + " are possible");
        }
        List<byte[]> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            byte[] part = new byte[6 + chunk.length];
            part[0] = 0x05;                  // UDH length
            part[1] = 0x00;                  // IE: concatenated short messages, 8-bit reference
            part[2] = 0x03;                  // IE length
            part[3] = (byte) reference;
            part[4] = (byte) chunks.size();
            part[5] = (byte) (i + 1);
            System.arraycopy(chunk, 0, part, 6, chunk.length);
            parts.add(part);
        }
        return parts;
    }
}
