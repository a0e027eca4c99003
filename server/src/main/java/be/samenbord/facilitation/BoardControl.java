package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import be.samenbord.board.Stamp;

/**
 * A board's facilitation state (rule FA-4), read from its reserved item {@code _control}, which
 * only the node writes. Pure: reads registers, holds no state of its own.
 *
 * @param privateSince while private writing runs, the stamp of the {@code private} register; else null
 * @param vote         "open", "closed", or null when the board never had a vote
 * @param anonymous    whether the board hides who wrote its notes (FA-11)
 */
public record BoardControl(boolean locked, Stamp privateSince, String vote, int voteDots, String voteZone, boolean anonymous) {

    public static final String ITEM = "_control";
    public static final BoardControl NONE = new BoardControl(false, null, null, 0, null, false);

    public static BoardControl read(Items items) {
        if (!items.contains(ITEM)) return NONE;
        Register priv = items.get(ITEM, "private");
        Stamp since = priv != null && "true".equals(priv.json()) ? priv.stamp() : null;
        return new BoardControl("true".equals(json(items, "locked")), since, string(items, "vote"),
                (int) number(items, "voteDots"), string(items, "voteZone"), "true".equals(json(items, "anonymous")));
    }

    public boolean voteOpen() {
        return "open".equals(vote);
    }

    public boolean voteClosed() {
        return "closed".equals(vote);
    }

    /** Whether anything on the board is hidden from someone (FA-6, FA-7, FA-11). */
    public boolean hidesAnything() {
        return hidesNotesOrDots() || anonymous;
    }

    /** Whether notes or dots are hidden from someone (FA-6, FA-7): a fiche would show them to all. */
    public boolean hidesNotesOrDots() {
        return privateSince != null || voteOpen();
    }

    /** Item ids starting with '_' belong to the node (FA-4). */
    public static boolean reserved(String itemId) {
        return itemId.startsWith("_");
    }

    private static String json(Items items, String field) {
        Register r = items.get(ITEM, field);
        return r == null ? null : r.json();
    }

    private static String string(Items items, String field) {
        String j = json(items, field);
        // Values the node writes are plain strings without escapes, so unquoting is enough.
        return j != null && j.length() >= 2 && j.charAt(0) == '"' ? j.substring(1, j.length() - 1) : null;
    }

    private static long number(Items items, String field) {
        String j = json(items, field);
        if (j == null) return 0;
        try {
            return Long.parseLong(j);
        } catch (NumberFormatException e) {
            return 0; // only the node writes this field, always as an integer; absent or odd means none
        }
    }
}
