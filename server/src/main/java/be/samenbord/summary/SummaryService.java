package be.samenbord.summary;

import be.samenbord.board.BoardState;
import be.samenbord.board.Items;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.fiche.FicheBoards;
import be.samenbord.fiche.FicheService;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a workshop's boards as they are now (each captured on its owner, like fiche exports) and
 * builds its {@link SessionSummary} (SU-1..SU-5).
 */
public final class SummaryService {

    private final BoardRegistry boards;
    private final TemplateCatalog templates;
    private final FicheService fiches;
    private final SummaryReader reader;

    public SummaryService(BoardRegistry boards, TemplateCatalog templates, FicheService fiches, ObjectMapper json) {
        this.boards = boards;
        this.templates = templates;
        this.fiches = fiches;
        this.reader = new SummaryReader(json);
    }

    public CompletableFuture<SessionSummary> summary(Workshop w, String lang) {
        CompletableFuture<Items> room = CompletableFuture.completedFuture(null);
        List<CompletableFuture<SummaryReader.Board>> work = new ArrayList<>();
        for (Workshop.BoardRef ref : w.boards()) {
            if (ref.template().equals(ControlContext.ROOM_TEMPLATE)) {
                room = items(ref.id());
            } else if (!ref.template().equals(FicheBoards.TEMPLATE)) {
                String title = templates.find(ref.template()).map(t -> "en".equals(lang) ? t.titleEn() : t.titleNl()).orElse(ref.template());
                work.add(items(ref.id()).thenApply(items -> new SummaryReader.Board(ref.id(), ref.template(), title, items)));
            }
        }
        CompletableFuture<Items> roomItems = room;
        CompletableFuture<?> all = CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
        return all.thenCombine(roomItems, (x, r) -> r).thenCombine(fiches.fiches(w), (r, docs) -> reader.build(w.id(), w.title(), lang, r,
                work.stream().map(CompletableFuture::join).toList(), docs, fiches.spec()));
    }

    private CompletableFuture<Items> items(String boardId) {
        return boards.snapshot(boardId).map(f -> f.thenApply(s -> BoardState.restore(s).items()))
                .orElseGet(() -> CompletableFuture.completedFuture(new Items()));
    }
}
