package org.teeka.luckydraw;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The published draw algorithm (docs/lucky-draw.md, which also holds an independent
 * implementation anyone can run): the winners are a function of the sorted eligible list and the
 * seed only.
 *
 * <pre>
 * counter = 0
 * uniform(m): repeat { x = first 4 bytes of HMAC-SHA256(key = seed, message = counter as 8-byte big-endian),
 *                      read as an unsigned 32-bit big-endian number; counter += 1 }
 *             until x &lt; 2^32 - (2^32 mod m); return x mod m
 * a = the eligible list; for i in 0 .. winners-1: j = i + uniform(n - i); swap a[i], a[j]; winner #i+1 = a[i]
 * </pre>
 */
public final class DrawAlgorithm {

    private static final long TWO_TO_32 = 1L << 32;

    private DrawAlgorithm() {
    }

    /** The eligible list as published: each card number on its own line, ending in a newline, US-ASCII. */
    public static byte[] publishedList(List<CardNumber> sortedCards) {
        var text = new StringBuilder(sortedCards.size() * 13);
        sortedCards.forEach(card -> text.append(card.value()).append('\n'));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the bytes, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The winners, in the order drawn, of the sorted eligible list under the seed. */
    public static List<CardNumber> winners(List<CardNumber> sortedCards, byte[] seed, int winners) {
        if (winners < 1 || winners > sortedCards.size()) {
            throw new IllegalArgumentException("winners must be between 1 and the " + sortedCards.size() + " eligible cards, was " + winners);
        }
        var cards = new ArrayList<>(sortedCards);
        var stream = new Uniform(seed);
        var drawn = new ArrayList<CardNumber>(winners);
        for (int i = 0; i < winners; i++) {
            int j = i + stream.next(cards.size() - i);
            CardNumber chosen = cards.get(j);
            cards.set(j, cards.get(i));
            cards.set(i, chosen);
            drawn.add(chosen);
        }
        return drawn;
    }

    /** Unbiased numbers below a bound from HMAC-SHA256(seed, counter), rejecting the top remainder of the 32-bit range. */
    private static final class Uniform {

        private final Mac mac;
        private long counter;

        Uniform(byte[] seed) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        int next(int bound) {
            long limit = TWO_TO_32 - TWO_TO_32 % bound;
            while (true) {
                byte[] block = mac.doFinal(ByteBuffer.allocate(8).putLong(counter++).array());
                long x = Integer.toUnsignedLong(ByteBuffer.wrap(block, 0, 4).getInt());
                if (x < limit) {
                    return (int) (x % bound);
                }
            }
        }
    }
}
