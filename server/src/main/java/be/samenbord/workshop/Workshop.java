package be.samenbord.workshop;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workshop as stored: its boards and one token hash per role. The tokens themselves are only
 * handed out once, at creation (rule AU-1).
 */
public record Workshop(String id, String title, long createdAt, Map<Role, String> tokenHashes, List<BoardRef> boards) {

    public Workshop {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        tokenHashes = Map.copyOf(tokenHashes);
        boards = List.copyOf(boards);
    }

    /** A board of the workshop and the template it was made from. */
    public record BoardRef(String id, String template) {
    }

    public boolean hasBoard(String boardId) {
        return boards.stream().anyMatch(b -> b.id().equals(boardId));
    }
}
