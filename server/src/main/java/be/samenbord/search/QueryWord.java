package be.samenbord.search;

import java.util.List;

/**
 * One typed word and the forms it matches in (rule SE-4): the word itself (folded), its Dutch and
 * English stems, as a prefix (the last word while it is typed) and with typos (edits allowed: 0
 * below five letters, 1 from five, 2 from eight; the first letter must match). The query and the
 * snippet marks are made from the same words, so what is marked is what matched.
 *
 * @param optional a stopword in either language: it may be missing from a text
 */
record QueryWord(String word, List<String> dutchStems, List<String> englishStems, boolean prefix, int edits, boolean optional) {

    QueryWord {
        dutchStems = List.copyOf(dutchStems);
        englishStems = List.copyOf(englishStems);
    }

    /** Typos allowed in a word of this many letters (SE-4). */
    static int editsFor(String word) {
        int letters = word.codePointCount(0, word.length());
        return letters >= 8 ? 2 : letters >= 5 ? 1 : 0;
    }

    /** Whether an analysed term of a text is this word in one of its forms. */
    boolean matches(String term) {
        if (term.equals(word) || dutchStems.contains(term) || englishStems.contains(term)) return true;
        if (prefix && term.startsWith(word)) return true;
        return edits > 0 && withinEdits(word, term, edits);
    }

    /**
     * Optimal string alignment distance ≤ {@code max} (insert, delete, replace, swap of two
     * neighbours), with the first letter equal, as Lucene's FuzzyQuery with prefix length 1 and
     * transpositions finds them.
     */
    static boolean withinEdits(String a, String b, int max) {
        if (a.isEmpty() || b.isEmpty() || a.charAt(0) != b.charAt(0) || Math.abs(a.length() - b.length()) > max) return false;
        int n = a.length();
        int m = b.length();
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) prev[j] = j;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) return false;
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m] <= max;
    }
}
