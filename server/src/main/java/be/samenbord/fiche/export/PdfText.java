package be.samenbord.fiche.export;

import java.text.Normalizer;

/**
 * Text as the PDF fonts can draw it (rule FI-8). OpenPDF places one glyph per character and does
 * no shaping, so what only shaping could use is dropped: joiners and other format characters,
 * variation selectors, emoji skin tones (the fonts are monochrome) and control characters. A joined
 * emoji (👨‍👩‍👧) shows as its parts. Accents are composed first (e + ◌́ → é); tabs become four spaces.
 */
final class PdfText {

    private PdfText() {
    }

    static String clean(String text) {
        if (text == null || text.isEmpty()) return "";
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n') out.append('\n');
            else if (cp == '\t') out.append("    ");
            else if (!invisible(cp)) out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) // variation selectors
                || (cp >= 0x1F3FB && cp <= 0x1F3FF); // skin tones
    }
}
