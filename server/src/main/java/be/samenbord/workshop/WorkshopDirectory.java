package be.samenbord.workshop;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workshops a node knows and the token lookup (rules AU-1..AU-3). Thread-safe; the store is
 * written by the caller, so this stays free of I/O.
 */
public final class WorkshopDirectory {

    private final Tokens tokens;
    private final Map<String, Workshop> byId = new ConcurrentHashMap<>();
    private final Map<String, Access> byTokenHash = new ConcurrentHashMap<>();
    private final Map<String, Workshop> byBoard = new ConcurrentHashMap<>();

    public WorkshopDirectory(Tokens tokens) {
        this.tokens = tokens;
    }

    /** What a token grants: a role in one workshop. */
    public record Access(Workshop workshop, Role role) {
    }

    /** A new workshop and its plain tokens, which exist only in this answer. */
    public record Created(Workshop workshop, Map<Role, String> tokens) {
    }

    /** Makes a workshop with one board per template; the caller stores it, then {@link #add}s it. */
    public Created create(String title, List<String> templates, long now) {
        return create(title, templates, now, null);
    }

    /** As {@link #create(String, List, long)}, written in {@code lang} (null: the default, Dutch). */
    public Created create(String title, List<String> templates, long now, String lang) {
        Map<Role, String> plain = new EnumMap<>(Role.class);
        Map<Role, String> hashes = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String token = tokens.newToken();
            plain.put(role, token);
            hashes.put(role, Tokens.hash(token));
        }
        List<Workshop.BoardRef> boards = new ArrayList<>();
        for (String template : templates) boards.add(new Workshop.BoardRef(tokens.newId(), template));
        return new Created(new Workshop(tokens.newId(), title, now, hashes, boards, lang), plain);
    }

    public void add(Workshop w) {
        // New entries first, then drop only hashes that are gone: a token never fails in between.
        w.tokenHashes().forEach((role, hash) -> byTokenHash.put(hash, new Access(w, role)));
        w.boards().forEach(b -> byBoard.put(b.id(), w));
        Workshop previous = byId.put(w.id(), w);
        if (previous != null) {
            previous.tokenHashes().values().stream().filter(h -> !w.tokenHashes().containsValue(h)).forEach(byTokenHash::remove);
        }
    }

    public Optional<Access> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) return Optional.empty();
        return Optional.ofNullable(byTokenHash.get(Tokens.hash(token)));
    }

    public Optional<Workshop> workshop(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Workshop> workshopOfBoard(String boardId) {
        return Optional.ofNullable(byBoard.get(boardId));
    }

    public List<Workshop> all() {
        return List.copyOf(byId.values());
    }

    /** A new board id, as workshops' boards get them. */
    public String newBoardId() {
        return tokens.newId();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }
}
