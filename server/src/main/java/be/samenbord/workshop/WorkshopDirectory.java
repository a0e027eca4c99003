package be.samenbord.workshop;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    /**
     * Adds a workshop, or merges it into the one known by that id (rule CU-9): boards are only ever
     * added, so what arrives is a set union with what is here, never a replacement. Announcements
     * of two nodes' additions may arrive in any order and both count.
     */
    public void add(Workshop incoming) {
        // Merged and indexed under the map's lock for this id: adds of one workshop run one after
        // another, so the indexes always end with the latest merge.
        byId.compute(incoming.id(), (id, known) -> {
            Workshop w = known == null ? incoming : Workshop.union(known, incoming);
            // New entries first, then drop only hashes that are gone: a token never fails in between.
            w.tokenHashes().forEach((role, hash) -> byTokenHash.put(hash, new Access(w, role)));
            w.boards().forEach(b -> byBoard.put(b.id(), w));
            if (known != null) {
                known.tokenHashes().values().stream().filter(h -> !w.tokenHashes().containsValue(h)).forEach(byTokenHash::remove);
            }
            return w;
        });
    }

    /**
     * Where a cluster node reads workshops it missed the announcement of (CU-9): the shared store.
     * Not set on a single node, whose directory has everything.
     */
    public interface Store {
        CompletableFuture<Optional<Workshop>> workshop(String workshopId);

        CompletableFuture<Optional<Workshop>> workshopOfBoard(String boardId);
    }

    /** Reads at most this many workshops through at once; a miss beyond that stays a miss. */
    static final int MAX_READS = 8;
    private volatile Store store;
    private final Map<String, CompletableFuture<Boolean>> reading = new ConcurrentHashMap<>();

    /** Lets this directory read a workshop through from {@code store} on a miss (cluster nodes). */
    public void readThrough(Store store) {
        this.store = store;
    }

    /** Whether misses are read through (a cluster node); a single node's directory has everything. */
    public boolean readsThrough() {
        return store != null;
    }

    /**
     * A miss (a token or board this node does not know, or a board its workshop lacks here):
     * reads the workshop of {@code boardId} from the store into this directory. Completes with
     * whether the board is known now; at once with the answer here when there is no store.
     * Concurrent misses of one board share one read.
     */
    public CompletableFuture<Boolean> readBoard(String boardId) {
        return read("b:" + boardId, s -> s.workshopOfBoard(boardId), () -> byBoard.containsKey(boardId));
    }

    /** As {@link #readBoard}, by workshop id. */
    public CompletableFuture<Boolean> readWorkshop(String workshopId) {
        return read("w:" + workshopId, s -> s.workshop(workshopId), () -> byId.containsKey(workshopId));
    }

    private CompletableFuture<Boolean> read(String key, java.util.function.Function<Store, CompletableFuture<Optional<Workshop>>> query,
                                            java.util.function.BooleanSupplier known) {
        Store s = store;
        if (s == null || key.length() > 202) return CompletableFuture.completedFuture(known.getAsBoolean());
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> shared = reading.putIfAbsent(key, mine);
        if (shared != null) return shared;
        if (reading.size() > MAX_READS) {
            reading.remove(key, mine);
            mine.complete(known.getAsBoolean());
            return mine;
        }
        CompletableFuture<Optional<Workshop>> loaded;
        try {
            loaded = query.apply(s);
        } catch (RuntimeException e) {
            loaded = CompletableFuture.failedFuture(e);
        }
        loaded.whenComplete((w, err) -> {
            reading.remove(key, mine);
            if (err != null) {
                mine.completeExceptionally(err);
                return;
            }
            w.ifPresent(this::add);
            mine.complete(known.getAsBoolean());
        });
        return mine;
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
