package be.samenbord.fiche.export;

import org.openpdf.text.Chunk;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fonts PDF exports embed (rule FI-8), shipped in {@value #DIR} with their licences:
 * DejaVu Sans (regular, bold; Latin, Greek, Cyrillic and many symbols), then for what it lacks
 * Symbola (monochrome emoji and symbols, Unicode 9) and Droid Sans Fallback (Chinese, Japanese,
 * Korean). Each is embedded as a subset of the glyphs a document uses. The fallbacks are read only
 * when a text needs them; fonts are shared by all exports (OpenPDF only reads a font once made).
 */
public final class PdfFonts {

    static final String DIR = "samenbord/fonts/";
    /** What is printed for a character no font has. */
    static final int MISSING = 0xFFFD;

    private static final Supplier<BaseFont> REGULAR = lazy("DejaVuSans.ttf");
    private static final Supplier<BaseFont> BOLD = lazy("DejaVuSans-Bold.ttf");
    private static final List<Supplier<BaseFont>> FALLBACKS = List.of(lazy("Symbola.ttf"), lazy("DroidSansFallback.ttf"));

    private PdfFonts() {
    }

    public static BaseFont regular() {
        return REGULAR.get();
    }

    public static BaseFont bold() {
        return BOLD.get();
    }

    /**
     * Adds {@code text} ({@link PdfText#clean cleaned}) to {@code target} in {@code font} (whose base
     * font is {@link #regular} or {@link #bold}), each run of characters it lacks in the first
     * fallback that has them, drawn bold or oblique as {@code font} is.
     */
    public static void append(Phrase target, String text, Font font) {
        String clean = PdfText.clean(text);
        StringBuilder run = new StringBuilder();
        Font runFont = font;
        for (int i = 0; i < clean.length(); ) {
            int cp = clean.codePointAt(i);
            i += Character.charCount(cp);
            Font f = font;
            if (cp != '\n' && !font.getBaseFont().charExists(cp)) {
                BaseFont fallback = fallback(cp);
                if (fallback != null) {
                    f = new Font(fallback, font.getSize(), font.getStyle() | (font.getBaseFont() == bold() ? Font.BOLD : 0), font.getColor());
                } else {
                    cp = unaccented(cp, font.getBaseFont());
                }
            }
            if (f != runFont && run.length() > 0) {
                target.add(new Chunk(run.toString(), runFont));
                run.setLength(0);
            }
            runFont = f;
            run.appendCodePoint(cp);
        }
        if (run.length() > 0) target.add(new Chunk(run.toString(), runFont));
    }

    private static BaseFont fallback(int cp) {
        for (Supplier<BaseFont> candidate : FALLBACKS) {
            if (candidate.get().charExists(cp)) return candidate.get();
        }
        return null;
    }

    /** A letter without its accent when the font has that (a rare ǹ → n), else the replacement character. */
    private static int unaccented(int cp, BaseFont font) {
        String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        int first = base.codePointAt(0);
        return base.length() > Character.charCount(first) && font.charExists(first) ? first : MISSING;
    }

    /** A font read from the class path on first use, then kept. */
    private static Supplier<BaseFont> lazy(String file) {
        return new Supplier<>() {
            private volatile BaseFont font;

            @Override
            public BaseFont get() {
                BaseFont f = font;
                if (f == null) {
                    synchronized (this) {
                        if (font == null) font = load(file);
                        f = font;
                    }
                }
                return f;
            }
        };
    }

    private static BaseFont load(String file) {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) throw new IllegalStateException("missing font " + DIR + file);
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + DIR + file, e);
        }
    }

    /** A table cell with {@code text} in {@code font} (with the fallback fonts), top-aligned, padded 4. */
    public static PdfPCell cell(String text, Font font, Color background) {
        Phrase phrase = new Phrase(Float.NaN, "", font);
        append(phrase, text, font);
        PdfPCell cell = new PdfPCell(phrase);
        cell.setPadding(4);
        cell.setVerticalAlignment(Element.ALIGN_TOP);
        if (background != null) cell.setBackgroundColor(background);
        return cell;
    }

    /** A paragraph of {@code text} in {@code font}, with the fallback fonts where a glyph is missing. */
    public static Paragraph paragraph(String text, Font font) {
        Paragraph p = new Paragraph(Float.NaN, "", font);
        append(p, text, font);
        return p;
    }
}
