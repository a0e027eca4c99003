package be.samenbord.workshop;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workshop as stored: its boards and one token hash per role. The tokens themselves are only
 * handed out once, at creation (rule AU-1).
 *
 * @param lang the language people write in ({@code nl} or {@code en}, rule RE-3): search analyses
 *             their text in it (rule SE-3). Workshops stored before it existed are Dutch.
 */
public record Workshop(String id, String title, long createdAt, Map<Role, String> tokenHashes, List<BoardRef> boards, String lang) {

    /** Languages a workshop may be written in; the first is the default. */
    public static final List<String> LANGUAGES = List.of("nl", "en");

    public Workshop {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        tokenHashes = Map.copyOf(tokenHashes);
        boards = List.copyOf(boards);
        lang = lang == null || !LANGUAGES.contains(lang) ? LANGUAGES.get(0) : lang;
    }

    /** A Dutch workshop (the default language). */
    public Workshop(String id, String title, long createdAt, Map<Role, String> tokenHashes, List<BoardRef> boards) {
        this(id, title, createdAt, tokenHashes, boards, null);
    }

    /** A board of the workshop and the template it was made from. */
    public record BoardRef(String id, String template) {
    }

    public boolean hasBoard(String boardId) {
        return boards.stream().anyMatch(b -> b.id().equals(boardId));
    }
}
