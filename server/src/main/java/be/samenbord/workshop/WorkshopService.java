package be.samenbord.workshop;



import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Creates workshops (rule RE-3): makes tokens and boards, stores the workshop durably, and only
 * then makes it reachable, so a token that was handed out always survives a crash.
 */
public final class WorkshopService {

    private final WorkshopDirectory directory;
    private final WorkshopStore store;
    private final Consumer<Workshop.BoardRef> boardMaker;
    private final LongSupplier clock;
    private java.util.function.Function<Workshop, CompletableFuture<Void>> announce = w -> CompletableFuture.completedFuture(null);

    public WorkshopService(WorkshopDirectory directory, WorkshopStore store, Consumer<Workshop.BoardRef> boardMaker, LongSupplier clock) {
        this.directory = directory;
        this.store = store;
        this.boardMaker = boardMaker;
        this.clock = clock;
    }

    /**
     * Caps on the boards of one workshop (rule LI-10): boards that are not fiches (chosen
     * templates, room, breakout copies) and fiche boards, counted apart.
     */
    public record BoardCaps(int maxBoards, int maxFiches, String ficheTemplate) {
        public static final BoardCaps NONE = new BoardCaps(Integer.MAX_VALUE, Integer.MAX_VALUE, "");
    }

    private volatile BoardCaps caps = BoardCaps.NONE;

    public void limitBoards(BoardCaps caps) {
        this.caps = caps;
    }

    /** In a cluster: tells the other nodes about a stored workshop before the caller hears it is done. */
    public void announceWith(java.util.function.Function<Workshop, CompletableFuture<Void>> announcer) {
        this.announce = announcer;
    }

    public CompletableFuture<WorkshopDirectory.Created> create(String title, List<String> templates) {
        return create(title, templates, null);
    }

    /** A workshop written in {@code lang} ({@code nl} or {@code en}; null: Dutch). */
    public CompletableFuture<WorkshopDirectory.Created> create(String title, List<String> templates, String lang) {
        // Every workshop gets its room board last (rule FA-1): the boards people chose keep their order.
        List<String> withRoom = new java.util.ArrayList<>(templates);
        withRoom.add(Workshop.ROOM_TEMPLATE);
        WorkshopDirectory.Created created = directory.create(title, withRoom, clock.getAsLong(), lang);
        return store.createWorkshop(created.workshop()).thenApply(v -> {
            created.workshop().boards().forEach(boardMaker);
            directory.add(created.workshop());
            return created;
        }).thenCompose(c -> announce.apply(c.workshop()).thenApply(v -> c));
    }

    /**
     * Adds boards with the given ids and templates to a workshop (kept ids are skipped), stores
     * them, then makes them reachable. Additions to one workshop run one after another on this
     * node; across nodes the store merges them (a set union, rule CU-9), and the workshop as
     * stored now, with every node's additions, is what this node keeps and announces.
     */
    public CompletableFuture<Workshop> addBoards(String workshopId, List<Workshop.BoardRef> refs) {
        // One addition at a time per workshop: each reads the workshop the previous one stored.
        CompletableFuture<Workshop> out = new CompletableFuture<>();
        adding.compute(workshopId, (k, previous) -> {
            CompletableFuture<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            CompletableFuture<Workshop> next = before.handle((v, e) -> null).thenCompose(v -> addBoardsNow(workshopId, refs));
            next.whenComplete((w, e) -> {
                if (e != null) out.completeExceptionally(e);
                else out.complete(w);
            });
            return next;
        });
        return out;
    }

    private final java.util.Map<String, CompletableFuture<?>> adding = new java.util.concurrent.ConcurrentHashMap<>();

    private CompletableFuture<Workshop> addBoardsNow(String workshopId, List<Workshop.BoardRef> refs) {
        CompletableFuture<Boolean> known = directory.workshop(workshopId).isPresent()
                ? CompletableFuture.completedFuture(true) : directory.readWorkshop(workshopId);
        return known.thenCompose(k -> {
            Workshop current = directory.workshop(workshopId)
                    .orElseThrow(() -> new IllegalArgumentException("no workshop " + workshopId));
            List<Workshop.BoardRef> added = refs.stream().filter(r -> !current.hasBoard(r.id())).toList();
            if (added.isEmpty()) return CompletableFuture.completedFuture(current);
            List<Workshop.BoardRef> all = new java.util.ArrayList<>(current.boards());
            all.addAll(added);
            checkCaps(current.boards(), all);
            return store.addBoards(current, added).thenApply(stored -> {
                added.forEach(boardMaker);
                directory.add(stored);
                return directory.workshop(workshopId).orElse(stored);
            }).thenCompose(w -> announce.apply(w).thenApply(v -> w));
        });
    }

    /**
     * Refuses an addition that would pass a cap (rule LI-10), whole. A workshop already over one
     * (the cap was lowered) keeps its boards but gets no more of that kind.
     */
    private void checkCaps(List<Workshop.BoardRef> before, List<Workshop.BoardRef> after) {
        BoardCaps c = caps;
        long fichesBefore = before.stream().filter(b -> b.template().equals(c.ficheTemplate())).count();
        long fiches = after.stream().filter(b -> b.template().equals(c.ficheTemplate())).count();
        if (fiches > fichesBefore && fiches > c.maxFiches()) {
            throw new ControlRefused(ControlRefused.TOO_LARGE, "a workshop holds at most " + c.maxFiches()
                    + " fiches; this would make " + fiches);
        }
        long boards = after.size() - fiches;
        if (boards > before.size() - fichesBefore && boards > c.maxBoards()) {
            throw new ControlRefused(ControlRefused.TOO_LARGE, "a workshop holds at most " + c.maxBoards()
                    + " boards; this would make " + boards);
        }
    }

    /**
     * Gives every workshop made before rooms existed its room board (FA-1), so facilitation works
     * there too. Run by one node at start (the oldest member in a cluster); completes with how
     * many workshops got one.
     */
    public CompletableFuture<Integer> addMissingRooms() {
        List<CompletableFuture<Workshop>> added = directory.all().stream()
                .filter(w -> w.boards().stream().noneMatch(b -> Workshop.ROOM_TEMPLATE.equals(b.template())))
                .map(w -> addBoards(w.id(), List.of(new Workshop.BoardRef(directory.newBoardId(), Workshop.ROOM_TEMPLATE))))
                .toList();
        return CompletableFuture.allOf(added.toArray(CompletableFuture[]::new)).thenApply(v -> added.size());
    }

    public WorkshopDirectory directory() {
        return directory;
    }
}
