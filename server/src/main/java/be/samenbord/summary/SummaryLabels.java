package be.samenbord.summary;

import java.util.Map;

/** The words of the summary's Markdown and PDF in Dutch and English (SU-6). */
final class SummaryLabels {

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("summary", new String[]{"Samenvatting", "Session summary"}),
            Map.entry("instructions", new String[]{"Instructies", "Instructions"}),
            Map.entry("rounds", new String[]{"Rondes", "Rounds"}),
            Map.entry("check-in", new String[]{"Check-in", "Check-in"}),
            Map.entry("check-out", new String[]{"Check-out", "Check-out"}),
            Map.entry("noAnswers", new String[]{"Geen antwoorden.", "No answers."}),
            Map.entry("boards", new String[]{"Borden", "Boards"}),
            Map.entry("notes", new String[]{"notities", "notes"}),
            Map.entry("top", new String[]{"Meeste stippen", "Top voted"}),
            Map.entry("dots", new String[]{"stippen", "dots"}),
            Map.entry("dot", new String[]{"stip", "dot"}),
            Map.entry("theme", new String[]{"Thema", "Theme"}),
            Map.entry("themes", new String[]{"Thema's", "Themes"}),
            Map.entry("voteOpen", new String[]{"De stemming loopt nog: stippen tellen pas als ze gesloten is.",
                    "The vote is still open: dots count once it is closed."}),
            Map.entry("noVote", new String[]{"Geen stemming.", "No vote."}),
            Map.entry("actions", new String[]{"Actieplan", "Action plan"}),
            Map.entry("action", new String[]{"Actie", "Action"}),
            Map.entry("driver", new String[]{"Trekker", "Driver"}),
            Map.entry("firstStep", new String[]{"Eerste stap", "First step"}),
            Map.entry("status", new String[]{"Status", "Status"}),
            Map.entry("none", new String[]{"Nog niets.", "Nothing yet."}),
            Map.entry("untitled", new String[]{"(zonder titel)", "(untitled)"}));

    /** What stands in an empty cell. */
    static final String EMPTY = "–";

    private final int index;

    SummaryLabels(String lang) {
        this.index = "en".equals(lang) ? 1 : 0;
    }

    String word(String key) {
        String[] w = WORDS.get(key);
        return w == null ? key : w[index];
    }

    String dots(int n) {
        return n + " " + word(n == 1 ? "dot" : "dots");
    }

    String roundKind(String kind) {
        return WORDS.containsKey(kind) ? word(kind) : kind;
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? EMPTY : s;
    }
}
