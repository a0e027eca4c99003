package be.samenbord.search;

import java.util.List;

/**
 * What a search found (rule SE-1): how many texts match in all, and the best {@code limit} of
 * them by score.
 */
public record SearchResult(long total, List<Hit> hits) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** One matching text: where it is and its snippet (HTML-escaped, matches in {@code <mark>}). */
    public record Hit(String board, String item, String field, String snippet, float score) {
    }
}
