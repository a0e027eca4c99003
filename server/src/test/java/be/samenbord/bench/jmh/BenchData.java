package be.samenbord.bench.jmh;

import be.samenbord.board.Op;
import be.samenbord.board.Stamp;

import java.util.Random;

/**
 * Shared inputs of the JMH benchmarks: ids, fields and values shaped like what the web client
 * sends (item ids "n" + 15 base-36 characters, replica ids of 16 letters and digits).
 */
final class BenchData {

    /** Notes on the merge and submit boards. */
    static final int NOTES = 2_000;
    /** The six fields every note carries. */
    static final String[] FIELDS = {"kind", "x", "y", "zone", "color", "text"};
    /** Wall-clock ms of the stamps the boards start with; winning ops are newer, losing ops older. */
    static final long BASE_MS = 1_790_000_000_000L;

    private static final String ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String REPLICA_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] ZONES = {"keep", "drop", "achieve-short", "achieve-long"};
    private static final String[] COLORS = {"#fde68a", "#bbf7d0", "#bfdbfe", "#fecaca"};
    private static final String[] WORDS = {"team", "overleg", "korter", "agenda", "pauze", "feedback", "samen",
        "planning", "werkdruk", "collega", "vergadering", "doel", "week", "klant", "rust"};

    private BenchData() {
    }

    static String itemId(Random r) {
        StringBuilder s = new StringBuilder("n");
        for (int i = 0; i < 15; i++) s.append(ID_CHARS.charAt(r.nextInt(ID_CHARS.length())));
        return s.toString();
    }

    static String replica(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) s.append(REPLICA_CHARS.charAt(r.nextInt(REPLICA_CHARS.length())));
        return s.toString();
    }

    static String[] itemIds(Random r, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = itemId(r);
        return out;
    }

    /** A value of {@code field} as compact JSON text. */
    static String value(String field, Random r) {
        return switch (field) {
            case "kind" -> "\"note\"";
            case "x", "y" -> Double.toString(Math.round(r.nextDouble() * 17_000) / 10.0);
            case "zone" -> "\"" + ZONES[r.nextInt(ZONES.length)] + "\"";
            case "color" -> "\"" + COLORS[r.nextInt(COLORS.length)] + "\"";
            case "text" -> "\"" + sentence(r) + "\"";
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** About 40–70 characters of words. */
    static String sentence(Random r) {
        StringBuilder s = new StringBuilder();
        while (s.length() < 40 + r.nextInt(30)) {
            if (!s.isEmpty()) s.append(' ');
            s.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    /**
     * An op with strings of its own, as a decoder produces them: no hash code cached, not identical
     * to the map keys, so lookups hash and compare characters as they do for ops off the wire.
     */
    static Op freshOp(String item, String field, String json, Stamp stamp) {
        return new Op(fresh(item), fresh(field), fresh(json), stamp);
    }

    static String fresh(String s) {
        return new String(s.toCharArray());
    }
}
