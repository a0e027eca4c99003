package be.samenbord.fiche;

import be.samenbord.board.BoardState;
import be.samenbord.board.HybridLogicalClock;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.facilitation.Visibility;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopService;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fiches of a workshop (rules FI-*): conversion from boards, reading them back as documents.
 * Conversions of one workshop run one after another, so two clicks never make two fiches.
 */
public final class FicheService {

    /** The replica id of writes the node makes itself. */
    static final String NODE_REPLICA = "samenbord-node";

    private final FicheSpec spec;
    private final TemplateCatalog templates;
    private final BoardRegistry boards;
    private final WorkshopService workshops;
    private final ObjectMapper json;
    private final Conversion conversion;
    private final HybridLogicalClock clock;
    private final Map<String, CompletableFuture<?>> perWorkshop = new ConcurrentHashMap<>();

    public FicheService(FicheSpec spec, TemplateCatalog templates, BoardRegistry boards, WorkshopService workshops,
                        ObjectMapper json, LongSupplier wallClock) {
        this.spec = spec;
        this.templates = templates;
        this.boards = boards;
        this.workshops = workshops;
        this.json = json;
        this.conversion = new Conversion(json);
        this.clock = new HybridLogicalClock(NODE_REPLICA, wallClock);
    }

    /** The result of converting: one entry per fiche, existing ones with created = false. */
    public record Converted(String id, String title, boolean created, String source) {
    }

    public FicheSpec spec() {
        return spec;
    }

    /**
     * Converts a board of the workshop. {@code chosen} = note ids for "selected-notes" templates
     * (ignored for "rows"). Throws IllegalArgumentException for a request that cannot work.
     */
    public CompletableFuture<List<Converted>> convert(Workshop workshop, String boardId, List<String> chosen) {
        Workshop.BoardRef ref = workshop.boards().stream().filter(b -> b.id().equals(boardId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no board " + boardId + " in this workshop"));
        Template template = templates.find(ref.template()).orElseThrow();
        String mode = template.json().path("conversion").path("mode").asText("");
        if (mode.isEmpty()) throw new IllegalArgumentException("boards of template " + ref.template() + " do not convert to fiches");
        if (mode.equals("selected-notes") && chosen.isEmpty()) throw new IllegalArgumentException("choose the notes to convert");
        return serialised(workshop.id(), () -> items(boardId).thenCompose(items -> {
            // A fiche is read by everyone: converting now would show what is still hidden (FA-6, FA-7).
            if (be.samenbord.facilitation.BoardControl.read(items).hidesNotesOrDots()) {
                throw new IllegalArgumentException("this board still hides notes or dots: reveal private writing and close the vote first");
            }
            List<Conversion.Draft> drafts = mode.equals("rows")
                    ? conversion.rows(boardId, template, items)
                    : conversion.notes(boardId, template, items, chosen);
            return create(workshop.id(), drafts);
        }));
    }

    private CompletableFuture<List<Converted>> create(String workshopId, List<Conversion.Draft> drafts) {
        Workshop current = workshops.directory().workshop(workshopId).orElseThrow();
        List<Workshop.BoardRef> refs = drafts.stream()
                .map(d -> new Workshop.BoardRef(FicheBoards.ficheId(workshopId, d.sourceKey()), FicheBoards.TEMPLATE)).toList();
        List<Boolean> existed = refs.stream().map(r -> current.hasBoard(r.id())).toList();
        return workshops.addBoards(workshopId, refs).thenCompose(w -> {
            List<CompletableFuture<Converted>> results = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                Conversion.Draft d = drafts.get(i);
                String id = refs.get(i).id();
                boolean created = !existed.get(i);
                results.add(fill(id, d).thenApply(seq -> new Converted(id, d.values().getOrDefault("title", ""), created, d.sourceLabel())));
            }
            return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                    .thenApply(v -> results.stream().map(CompletableFuture::join).toList());
        });
    }

    /**
     * Writes a draft's values into its fiche unless the fiche already has them, so a repeated
     * conversion never overwrites what people edited since. The batch id is fixed per fiche too,
     * so even a retry racing a crash is a duplicate batch (OP-4).
     */
    private CompletableFuture<Long> fill(String ficheId, Conversion.Draft d) {
        return items(ficheId).thenCompose(items -> items.get(FicheBoards.FICHE_ITEM, "sourceKey") != null
                ? CompletableFuture.completedFuture(0L)
                : write(ficheId, d));
    }

    private CompletableFuture<Long> write(String ficheId, Conversion.Draft d) {
        List<Op> ops = new ArrayList<>();
        put(ops, "kind", quoted("fiche"));
        put(ops, "status", quoted("draft"));
        put(ops, "source", quoted(d.sourceLabel()));
        put(ops, "sourceKey", quoted(d.sourceKey()));
        put(ops, "sourceItems", json.valueToTree(d.sourceItems()).toString());
        d.values().forEach((field, text) -> {
            if (spec.field(field).isPresent()) put(ops, field, quoted(limit(text)));
        });
        return boards.submitLocal(ficheId, NODE_REPLICA, "convert", ops);
    }

    private void put(List<Op> ops, String field, String valueJson) {
        ops.add(new Op(FicheBoards.FICHE_ITEM, field, valueJson, clock.next()));
    }

    /** Converted text stays within what a client may write back (IT-3), so the fiche stays editable. */
    static String limit(String text) {
        int max = 4000;
        if (text.codePointCount(0, text.length()) <= max) return text;
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    private String quoted(String text) {
        return json.getNodeFactory().textNode(text).toString();
    }

    /** Every fiche of the workshop, in the order they were made, as anyone may read them (see {@link #fiche}). */
    public CompletableFuture<List<FicheDoc>> fiches(Workshop workshop) {
        List<CompletableFuture<FicheDoc>> docs = new ArrayList<>();
        for (Workshop.BoardRef b : workshop.boards()) {
            if (b.template().equals(FicheBoards.TEMPLATE)) docs.add(fiche(b.id()));
        }
        return CompletableFuture.allOf(docs.toArray(CompletableFuture[]::new))
                .thenApply(v -> docs.stream().map(CompletableFuture::join).toList());
    }

    /**
     * A fiche as anyone may read it: lists and exports have no replica, so they leave out whatever
     * private writing or an open vote hides from anyone (FA-6, FA-7, as the REST view; FI-4, FI-5).
     */
    public CompletableFuture<FicheDoc> fiche(String ficheId) {
        return items(ficheId).thenApply(items -> FicheBoards.read(spec, ficheId, Visibility.filter(Visibility.of(items), null, items), json));
    }

    private CompletableFuture<Items> items(String boardId) {
        return boards.snapshot(boardId).orElseThrow(() -> new IllegalArgumentException("no board " + boardId))
                .thenApply(snapshot -> BoardState.restore(snapshot).items());
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> serialised(String workshopId, java.util.function.Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        perWorkshop.compute(workshopId, (k, previous) -> {
            CompletableFuture<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            return before.handle((x, e) -> null).thenCompose(v -> work.get()).whenComplete((value, err) -> {
                if (err != null) result.completeExceptionally(err);
                else result.complete((T) value);
            });
        });
        return result;
    }
}
