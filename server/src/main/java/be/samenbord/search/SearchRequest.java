package be.samenbord.search;

import java.util.List;

/**
 * One search (rules SE-1, SE-4): words typed so far, in one workshop, as one person may see it.
 *
 * @param viewer   the searcher's person (seat id, rule ID-3), or null: then only what nobody hides
 * @param boards   only these boards (empty: every board of the workshop)
 * @param zone     only items in this zone (and that zone's template texts), or null
 * @param color    only items of this colour, or null
 * @param author   only items with this author (never on anonymous boards), or null
 * @param hasVotes only items with dots the viewer may see
 * @param typing   the last word is still being typed: it also matches as a prefix
 */
public record SearchRequest(String workshop, String query, int limit, String viewer, List<String> boards, String zone,
                            String color, String author, boolean hasVotes, boolean typing) {

    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_QUERY_CHARS = 200;

    public SearchRequest {
        boards = boards == null ? List.of() : List.copyOf(boards);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
    }

    /** A plain search of a workshop for everyone's eyes (tests, benchmarks). */
    public static SearchRequest of(String workshop, String query, String viewer) {
        return new SearchRequest(workshop, query, DEFAULT_LIMIT, viewer, List.of(), null, null, null, false, !query.endsWith(" "));
    }
}
