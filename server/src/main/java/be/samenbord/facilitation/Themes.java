package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Register;

/**
 * Themes on a work board (rules FA-23..FA-29): a theme is an ordinary item of kind
 * {@value #KIND} with a {@code title}; a note joins it through its register {@value #MEMBER}.
 * A vote may run on themes instead of notes ({@code _control.voteOn}). Pure.
 */
public final class Themes {

    public static final String KIND = "theme";
    /** A note's register naming its theme's item id (null or "" = none). */
    public static final String MEMBER = "theme";
    public static final String TITLE = "title";
    /** A carried note's link back: {@code {"board","item"}} (FA-27). */
    public static final String SOURCE = "source";
    public static final int MAX_TITLE_CHARS = 200;
    public static final String ON_NOTES = "notes";
    public static final String ON_THEMES = "themes";

    private Themes() {
    }

    /** What the board's vote is on (FA-26): "themes" when the facilitator chose so, else "notes". */
    public static String voteOn(Items items) {
        Register r = items.get(BoardControl.ITEM, "voteOn");
        return r != null && ("\"" + ON_THEMES + "\"").equals(r.json()) ? ON_THEMES : ON_NOTES;
    }

    /** Whether an item of {@code kindJson} (a register's JSON, or null) takes dots in a vote on {@code on}. */
    public static boolean takesDots(String kindJson, String on) {
        if (kindJson == null || "\"control\"".equals(kindJson)) return false;
        boolean theme = ("\"" + KIND + "\"").equals(kindJson);
        return ON_THEMES.equals(on) == theme;
    }
}
