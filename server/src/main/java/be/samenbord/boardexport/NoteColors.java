package be.samenbord.boardexport;

import java.awt.Color;
import java.util.Map;

/** A note's CSS colour (IT-1: {@code #rgb}..{@code #rrggbbaa} or a lowercase name) for drawing. Pure. */
final class NoteColors {

    private static final Color FALLBACK = new Color(0xff, 0xf5, 0x9d);
    private static final Map<String, Color> NAMES = Map.of(
            "white", Color.WHITE, "yellow", new Color(0xff, 0xf5, 0x9d), "green", new Color(0xc8, 0xe6, 0xc9),
            "blue", new Color(0xbb, 0xde, 0xfb), "pink", new Color(0xf8, 0xbb, 0xd0), "orange", new Color(0xff, 0xcc, 0x80));

    private NoteColors() {
    }

    static Color parse(String css) {
        if (css == null) return FALLBACK;
        String s = css.trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.startsWith("#")) return NAMES.getOrDefault(s, FALLBACK);
        String hex = s.substring(1);
        if (hex.length() == 3 || hex.length() == 4) {
            StringBuilder b = new StringBuilder();
            for (char c : hex.substring(0, 3).toCharArray()) b.append(c).append(c);
            hex = b.toString();
        }
        if (hex.length() != 6 && hex.length() != 8) return FALLBACK;
        try {
            return new Color(Integer.parseInt(hex.substring(0, 6), 16));
        } catch (NumberFormatException e) {
            return FALLBACK; // not hex after all; the board would show its default colour too
        }
    }

    /** Dark text on light notes, white on dark ones (relative luminance, as the web client picks it). */
    static Color inkOn(Color bg) {
        double l = 0.2126 * lin(bg.getRed()) + 0.7152 * lin(bg.getGreen()) + 0.0722 * lin(bg.getBlue());
        return l > 0.18 ? new Color(0x1d, 0x23, 0x27) : Color.WHITE;
    }

    private static double lin(int c) {
        double v = c / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
