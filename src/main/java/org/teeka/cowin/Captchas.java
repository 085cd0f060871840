package org.teeka.cowin;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The captcha CoWIN put in front of booking: an SVG of five characters drawn as outlines (no text
 * to copy), turned and shifted a little, over noise lines. Off by default; when on
 * ({@code teeka.cowin.captcha}), booking and rescheduling need the answer to the last captcha the
 * mobile was shown, once, within five minutes. Kept in the database so any node can check it.
 */
@Service
class Captchas {

    static final Duration VALIDITY = Duration.ofMinutes(5);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 5;
    private static final int WIDTH = 150;
    private static final int HEIGHT = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CowinSettings settings;
    private final Clock clock;
    private final Font font;

    Captchas(JdbcClient jdbc, CowinSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.font = font();
    }

    boolean enabled() {
        return settings.captcha();
    }

    /** A new captcha for the mobile, as SVG; when captchas are on, its answer replaces the mobile's previous one. */
    String issue(String mobile) {
        var answer = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            answer.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        if (enabled()) {
            jdbc.sql("""
                            insert into cowin_captchas (mobile, answer, expires_at) values (?, ?, ?)
                            on conflict (mobile) do update set answer = excluded.answer, expires_at = excluded.expires_at""")
                    .params(mobile, answer.toString(), OffsetDateTime.now(clock).plus(VALIDITY)).update();
        }
        return svg(answer.toString(), RANDOM);
    }

    /** When captchas are on, uses up the mobile's captcha and refuses with APPOIN0044 unless the answer is right and in time. */
    void check(String mobile, String answer) {
        if (!enabled()) {
            return;
        }
        record Issued(String answer, OffsetDateTime expiresAt) {
        }
        var issued = jdbc.sql("delete from cowin_captchas where mobile = ? returning answer, expires_at").param(mobile)
                .query(Issued.class).optional();
        boolean right = issued.isPresent() && answer != null
                && issued.get().expiresAt().isAfter(OffsetDateTime.now(clock))
                && issued.get().answer().equalsIgnoreCase(answer.strip());
        if (!right) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.captcha");
        }
    }

    String svg(String text, RandomGenerator random) {
        var frc = new FontRenderContext(null, true, true);
        var svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#f4f4f4\"/>");
        for (int i = 0; i < 4; i++) {
            svg.append("<path d=\"M").append(n(random.nextDouble(0, 20))).append(' ').append(n(random.nextDouble(5, 45)))
                    .append(" C").append(n(random.nextDouble(30, 70))).append(' ').append(n(random.nextDouble(0, 50)))
                    .append(' ').append(n(random.nextDouble(80, 120))).append(' ').append(n(random.nextDouble(0, 50)))
                    .append(' ').append(n(random.nextDouble(130, 150))).append(' ').append(n(random.nextDouble(5, 45)))
                    .append("\" stroke=\"#").append(colour(random)).append("\" stroke-width=\"1.5\" fill=\"none\"/>");
        }
        double step = (WIDTH - 20.0) / text.length();
        for (int i = 0; i < text.length(); i++) {
            Shape glyph = font.createGlyphVector(frc, String.valueOf(text.charAt(i))).getOutline();
            var place = new AffineTransform();
            place.translate(12 + i * step + random.nextDouble(-3, 3), 36 + random.nextDouble(-4, 4));
            place.rotate(random.nextDouble(-0.35, 0.35));
            svg.append("<path d=\"").append(pathData(place.createTransformedShape(glyph)))
                    .append("\" fill=\"#").append(colour(random)).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String pathData(Shape shape) {
        var d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3])).append(' ').append(n(c[4])).append(' ').append(n(c[5]));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String colour(RandomGenerator random) {
        return String.format(Locale.ROOT, "%02x%02x%02x", random.nextInt(20, 140), random.nextInt(20, 140), random.nextInt(20, 140));
    }

    private static Font font() {
        try (InputStream in = new ClassPathResource("fonts/NotoSans-Bold.ttf").getInputStream()) {
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(30f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("The bundled Noto Sans font cannot be read", e);
        }
    }
}
