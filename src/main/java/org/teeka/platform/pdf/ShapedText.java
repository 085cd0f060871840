package org.teeka.platform.pdf;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of text shaped into positioned glyphs by the JDK's text layout (HarfBuzz), which
 * forms Devanagari conjuncts, reorders the i-matra before its consonant and places the reph.
 * PDF libraries map characters to glyphs one to one and get Hindi wrong; taking glyph ids and
 * positions from here and writing them into the PDF as they are does not.
 *
 * <p>The text is split into runs by script: Devanagari in Noto Sans Devanagari, everything else
 * in Noto Sans; spaces, digits and punctuation stay in the run they are in when its font has them.
 */
final class ShapedText {

    /** Unhinted, fractional advances: positions in points, exactly as the font designs them. */
    private static final FontRenderContext POINTS = new FontRenderContext(null, true, true);

    /** A glyph id of the run's font; x from the start of the line, y up from the baseline, in points. */
    record Glyph(int id, float x, float y) {
    }

    /** Characters set in one font, and the glyphs they were shaped into. */
    record Run(Typeface face, float size, String text, List<Glyph> glyphs) {
    }

    private final List<Run> runs;
    private final float width;

    private ShapedText(List<Run> runs, float width) {
        this.runs = runs;
        this.width = width;
    }

    static ShapedText of(String text, boolean bold, float size) {
        List<Run> runs = new ArrayList<>();
        float pen = 0;
        int start = 0;
        Typeface face = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            Typeface next = faceFor(codePoint, face, bold);
            if (face != null && next != face) {
                pen = shape(text.substring(start, i), face, size, pen, runs);
                start = i;
            }
            face = next;
            i += Character.charCount(codePoint);
        }
        if (face != null) {
            pen = shape(text.substring(start), face, size, pen, runs);
        }
        return new ShapedText(List.copyOf(runs), pen);
    }

    private static Typeface faceFor(int codePoint, Typeface current, boolean bold) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.DEVANAGARI) {
            return Typeface.of(bold, true);
        }
        if (script == Character.UnicodeScript.COMMON || script == Character.UnicodeScript.INHERITED) {
            // spaces, digits, punctuation, the danda, joiners: keep the run going if its font has them
            if (current != null && current.canDisplay(codePoint)) {
                return current;
            }
            Typeface latin = Typeface.of(bold, false);
            return latin.canDisplay(codePoint) || !Typeface.of(bold, true).canDisplay(codePoint)
                    ? latin : Typeface.of(bold, true);
        }
        return Typeface.of(bold, false);
    }

    private static float shape(String text, Typeface face, float size, float pen, List<Run> runs) {
        Font font = face.awtFont(size);
        char[] chars = text.toCharArray();
        GlyphVector vector = font.layoutGlyphVector(POINTS, chars, 0, chars.length, Font.LAYOUT_LEFT_TO_RIGHT);
        int count = vector.getNumGlyphs();
        List<Glyph> glyphs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = vector.getGlyphCode(i);
            if (id >= 0xFFFE) {
                continue; // the JDK's marker for an invisible glyph (a joiner, say): nothing to draw
            }
            Point2D position = vector.getGlyphPosition(i);
            glyphs.add(new Glyph(id, pen + (float) position.getX(), (float) -position.getY()));
        }
        runs.add(new Run(face, size, text, List.copyOf(glyphs)));
        return pen + (float) vector.getGlyphPosition(count).getX();
    }

    /** This text with {@code next} set right after it on the same line. */
    ShapedText followedBy(ShapedText next) {
        List<Run> all = new ArrayList<>(runs);
        for (Run run : next.runs) {
            List<Glyph> moved = run.glyphs().stream().map(g -> new Glyph(g.id(), g.x() + width, g.y())).toList();
            all.add(new Run(run.face(), run.size(), run.text(), moved));
        }
        return new ShapedText(List.copyOf(all), width + next.width);
    }

    /** The characters, as given. */
    String text() {
        return runs.stream().map(Run::text).collect(Collectors.joining());
    }

    List<Run> runs() {
        return runs;
    }

    /** The advance of the whole line, in points. */
    float width() {
        return width;
    }
}
