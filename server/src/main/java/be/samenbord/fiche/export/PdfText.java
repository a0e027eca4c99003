package be.samenbord.fiche.export;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.BitSet;
import java.util.Map;

/**
 * Makes any text printable with the standard PDF fonts in WinAnsi (Cp1252) encoding: Dutch and
 * most Western accents pass unchanged, other accented letters lose their accent (ő → o), a few
 * look-alikes are mapped (− → -), invisible joiners are dropped and anything else (emoji) becomes "?".
 */
final class PdfText {

    private static final BitSet CP1252 = new BitSet(0x10000);
    private static final Map<Integer, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2212, "-"),
            Map.entry(0x2007, " "), Map.entry(0x2009, " "), Map.entry(0x200A, " "), Map.entry(0x202F, " "),
            Map.entry(0x2192, "->"), Map.entry(0x2190, "<-"), Map.entry(0x2264, "<="), Map.entry(0x2265, ">="),
            Map.entry(0x2713, "v"), Map.entry(0x2714, "v"), Map.entry(0x2022, "•"));

    static {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        String decoded = new String(all, Charset.forName("windows-1252"));
        decoded.chars().filter(c -> c != 0xFFFD && !Character.isISOControl(c)).forEach(CP1252::set);
    }

    private PdfText() {
    }

    static String safe(String text) {
        if (text == null || text.isEmpty()) return "";
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(s.length());
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            // an emoji joined to the previous one (ZWJ sequence) adds nothing to its "?"
            boolean joined = i >= 2 && cps[i - 1] == 0x200D && out.length() > 0 && out.charAt(out.length() - 1) == '?';
            if (!(joined && replaced(cps[i]))) append(out, cps[i]);
        }
        return out.toString();
    }

    private static boolean replaced(int cp) {
        return !(cp < 0x10000 && CP1252.get(cp)) && !LOOK_ALIKES.containsKey(cp) && !invisible(cp);
    }

    private static void append(StringBuilder out, int cp) {
        if (cp == '\n') {
            out.append('\n');
        } else if (cp == '\t') {
            out.append("    ");
        } else if (cp < 0x10000 && CP1252.get(cp)) {
            out.append((char) cp);
        } else if (LOOK_ALIKES.containsKey(cp)) {
            out.append(LOOK_ALIKES.get(cp));
        } else if (invisible(cp)) {
            // zero-width joiners, variation selectors, skin-tone modifiers, combining marks: drop
        } else {
            String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
            int first = base.codePointAt(0);
            boolean unaccented = base.length() > 1 && first < 0x10000 && CP1252.get(first)
                    && base.codePoints().skip(1).allMatch(c -> Character.getType(c) == Character.NON_SPACING_MARK);
            out.append(unaccented ? String.valueOf((char) first) : "?");
        }
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }
}
