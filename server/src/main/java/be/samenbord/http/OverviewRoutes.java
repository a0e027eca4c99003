package be.samenbord.http;

import be.samenbord.board.BoardState;
import be.samenbord.board.Items;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.fiche.FicheBoards;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.facilitation.Overview;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/workshops/{id}/overview} (rules FA-20..FA-22): the facilitator's counts. Every
 * board is read in full on its owner (as fiche conversion reads it, so any node of a cluster
 * answers), and the room's connections tell who should be writing; the answer holds counts only.
 */
public final class OverviewRoutes {

    private final BoardRegistry boards;
    private final TemplateCatalog templates;
    private final WorkshopDirectory directory;
    private final LongSupplier clock;

    public OverviewRoutes(BoardRegistry boards, TemplateCatalog templates, WorkshopDirectory directory, LongSupplier clock) {
        this.boards = boards;
        this.templates = templates;
        this.directory = directory;
        this.clock = clock;
    }

    public void register(Router r) {
        r.get("/api/workshops/:id/overview").handler(this::overview);
    }

    private void overview(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        Workshop w = access.workshop();
        if (!w.id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        // FA-20: counts per person are the facilitator's only, even without any text in them.
        if (access.role() != Role.FACILITATOR) throw ApiError.forbidden("only a facilitator sees the overview");
        String roomId = w.boards().stream().filter(b -> ControlContext.ROOM_TEMPLATE.equals(b.template()))
                .map(Workshop.BoardRef::id).findFirst().orElse(null);
        CompletableFuture<Items> room = roomId == null ? CompletableFuture.completedFuture(new Items()) : items(roomId);
        CompletableFuture<List<ControlContext.Person>> peers = roomId == null ? CompletableFuture.completedFuture(List.of())
                : boards.peers(roomId).orElseGet(() -> CompletableFuture.completedFuture(List.of()));
        List<CompletableFuture<Overview.Board>> read = new ArrayList<>();
        for (Workshop.BoardRef ref : w.boards()) {
            if (ref.template().equals(ControlContext.ROOM_TEMPLATE) || ref.template().equals(FicheBoards.TEMPLATE)) continue;
            Template t = templates.find(ref.template()).orElse(null);
            if (t == null) continue;
            String name = "en".equals(w.lang()) ? t.titleEn() : t.titleNl();
            read.add(items(ref.id()).thenApply(items -> new Overview.Board(ref.id(), ref.template(), name, items)));
        }
        CompletableFuture<String> answer = CompletableFuture.allOf(read.toArray(CompletableFuture[]::new))
                .thenCombine(room, (v, roomItems) -> roomItems)
                .thenCombine(peers, (roomItems, connected) -> Overview.of(roomItems,
                        read.stream().map(CompletableFuture::join).toList(), connected, clock.getAsLong()).toString());
        HttpApi.reply(ctx, answer, 200);
    }

    /** A board's full state, read on its owner. */
    private CompletableFuture<Items> items(String boardId) {
        return boards.snapshot(boardId).orElseThrow(() -> ApiError.notFound("unknown_board", "no board with that id"))
                .thenApply(s -> BoardState.restore(s).items());
    }
}
