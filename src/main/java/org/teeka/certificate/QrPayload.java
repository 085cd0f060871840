package org.teeka.certificate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What a certificate's QR code holds: {@code TK1:} then Base45 (RFC 9285) of the zlib-compressed
 * (RFC 1950) UTF-8 JSON of the signed credential. Base45 keeps the QR in alphanumeric mode, the
 * densest for this; the same shape as the EU digital COVID certificate's {@code HC1:}.
 */
final class QrPayload {

    static final String PREFIX = "TK1:";
    /** A credential is about 1.5 kB; anything that inflates past this is not one of ours. */
    private static final int MAX_JSON_BYTES = 64 * 1024;

    private QrPayload() {
    }

    static String encode(String credentialJson) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(credentialJson.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return PREFIX + Base45.encode(compressed.toByteArray());
    }

    /** @throws IllegalArgumentException when the text is not a Teeka QR payload */
    static String decode(String payload) {
        String text = payload.strip();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a Teeka certificate QR starts with " + PREFIX);
        }
        byte[] compressed = Base45.decode(text.substring(PREFIX.length()));
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("the compressed credential is cut short");
                }
                json.write(buffer, 0, n);
                if (json.size() > MAX_JSON_BYTES) {
                    throw new IllegalArgumentException("the credential is larger than " + MAX_JSON_BYTES + " bytes");
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json.toByteArray())).toString();
        } catch (DataFormatException | CharacterCodingException e) {
            throw new IllegalArgumentException("the credential cannot be decompressed: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
