import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes a Teeka lucky draw from what the public page publishes, with nothing but a JDK 11+:
 *
 *   java VerifyLuckyDraw.java <eligible.txt> <seed hex> <winners> [<list sha-256> <seed sha-256>]
 *
 * Prints the SHA-256 of the list and of the seed, then the winners in the order drawn, one per
 * line. With the two published hashes given it also checks them and exits 1 if either differs.
 * It depends on nothing in Teeka: the algorithm is the one written in docs/lucky-draw.md.
 */
public class VerifyLuckyDraw {

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 5) {
            System.err.println("usage: java VerifyLuckyDraw.java <eligible.txt> <seed hex> <winners> [<list sha-256> <seed sha-256>]");
            System.exit(2);
        }
        byte[] listBytes = Files.readAllBytes(Path.of(args[0]));
        byte[] seed = HexFormat.of().parseHex(args[1]);
        int winners = Integer.parseInt(args[2]);

        String listHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(listBytes));
        String seedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed));
        System.out.println("list sha-256 " + listHash);
        System.out.println("seed sha-256 " + seedHash);
        boolean ok = true;
        if (args.length == 5) {
            if (!listHash.equals(args[3])) {
                System.out.println("MISMATCH: the list's SHA-256 is not the published one");
                ok = false;
            }
            if (!seedHash.equals(args[4])) {
                System.out.println("MISMATCH: the seed's SHA-256 is not the one published before the draw");
                ok = false;
            }
        }

        // the list: one card number per line, each line ending in "\n", sorted
        String text = new String(listBytes, java.nio.charset.StandardCharsets.US_ASCII);
        List<String> cards = new ArrayList<>(List.of(text.split("\n")));
        if (cards.size() == 1 && cards.get(0).isEmpty()) {
            cards.clear();
        }
        for (int i = 1; i < cards.size(); i++) {
            if (cards.get(i - 1).compareTo(cards.get(i)) >= 0) {
                System.out.println("MISMATCH: the list is not sorted without repeats at line " + (i + 1));
                ok = false;
            }
        }
        if (winners < 1 || winners > cards.size()) {
            System.out.println("MISMATCH: " + winners + " winners cannot be drawn from " + cards.size() + " cards");
            System.exit(1);
        }

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(seed, "HmacSHA256"));
        long counter = 0;
        for (int i = 0; i < winners; i++) {
            // uniform(bound): HMAC-SHA256(seed, counter as 8 bytes big-endian); first 4 bytes as an unsigned
            // 32-bit number; rejected when it falls in the top 2^32 mod bound values (no modulo bias)
            long bound = cards.size() - i;
            long limit = (1L << 32) - (1L << 32) % bound;
            long x;
            do {
                byte[] block = mac.doFinal(ByteBuffer.allocate(8).putLong(counter++).array());
                x = ByteBuffer.wrap(block, 0, 4).getInt() & 0xffffffffL;
            } while (x >= limit);
            int j = i + (int) (x % bound);
            String chosen = cards.get(j);
            cards.set(j, cards.get(i));
            cards.set(i, chosen);
            System.out.println("winner " + (i + 1) + " " + chosen);
        }
        System.exit(ok ? 0 : 1);
    }
}
