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

    /** The hidden template of every workshop's room board (FA-1). */
    public static final String ROOM_TEMPLATE = "room";

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

    /**
     * Two views of one workshop merged (rule CU-9): boards are only ever added, so the result has
     * every board of both. When {@code incoming} already has all of {@code known}'s boards its
     * order wins (a later read of the same additions), else {@code known}'s boards come first and
     * the others follow in {@code incoming}'s order. Title, token hashes and language are
     * {@code incoming}'s (a workshop's language never changes, so every view has the same one).
     */
    public static Workshop union(Workshop known, Workshop incoming) {
        if (!known.id().equals(incoming.id())) throw new IllegalArgumentException("workshops " + known.id() + " and " + incoming.id());
        java.util.Set<String> incomingIds = new java.util.HashSet<>();
        incoming.boards().forEach(b -> incomingIds.add(b.id()));
        boolean covers = known.boards().stream().allMatch(b -> incomingIds.contains(b.id()));
        java.util.LinkedHashMap<String, BoardRef> boards = new java.util.LinkedHashMap<>();
        if (!covers) known.boards().forEach(b -> boards.put(b.id(), b));
        incoming.boards().forEach(b -> boards.putIfAbsent(b.id(), b));
        return new Workshop(incoming.id(), incoming.title(), incoming.createdAt(), incoming.tokenHashes(), List.copyOf(boards.values()),
                incoming.lang());
    }
}
