package be.samenbord.http;

import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.boardexport.BoardPage;
import be.samenbord.boardexport.BoardPages;
import be.samenbord.boardexport.BoardPdf;
import be.samenbord.fiche.FicheBoards;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Board export (rule EX-2): {@code GET /api/workshops/{id}/boards/export?format=pdf&lang=nl|en}, any
 * role, every board of the workshop but the room and the fiches, as everyone may read them (the REST
 * view: private notes, open votes' dots and, on anonymous boards, authors left out). Rendered on the
 * export pool (FI-9).
 */
public final class BoardExportRoutes {

    private final BoardRegistry boards;
    private final TemplateCatalog templates;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;
    private final ExportPool pool;

    public BoardExportRoutes(BoardRegistry boards, TemplateCatalog templates, WorkshopDirectory directory, ObjectMapper json, ExportPool pool) {
        this.boards = boards;
        this.templates = templates;
        this.directory = directory;
        this.json = json;
        this.pool = pool;
    }

    public void register(Router r) {
        r.get("/api/workshops/:id/boards/export").handler(this::export);
    }

    private void export(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        Workshop w = access.workshop();
        if (!w.id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        String format = ctx.queryParams().get("format");
        if (format != null && !format.equals("pdf")) throw ApiError.badRequest("format must be pdf");
        String lang = "en".equals(ctx.queryParams().get("lang")) ? "en" : "nl";
        List<CompletableFuture<BoardPage>> pages = new ArrayList<>();
        for (Workshop.BoardRef ref : w.boards()) {
            if (ref.template().equals(ControlContext.ROOM_TEMPLATE) || ref.template().equals(FicheBoards.TEMPLATE)) continue;
            var template = templates.find(ref.template());
            var view = boards.view(ref.id());
            if (template.isEmpty() || view.isEmpty()) continue;
            pages.add(view.get().thenApply(v -> BoardPages.read(template.get().json(), parse(v.itemsJson()), lang)));
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).whenComplete((v, err) -> context.runOnContext(x -> {
            if (err != null) {
                ctx.fail(err);
                return;
            }
            List<BoardPage> all = pages.stream().map(CompletableFuture::join).toList();
            pool.submit(() -> Buffer.buffer(BoardPdf.render(w.title(), all))).onComplete(r -> {
                if (r.failed() && r.cause() instanceof ExportPool.Busy busy) {
                    ctx.response().putHeader("Retry-After", String.valueOf(ExportPool.RETRY_AFTER_SECONDS));
                    ctx.fail(new ApiError(503, "busy", busy.getMessage()));
                } else if (r.failed()) {
                    ctx.fail(r.cause());
                } else {
                    ctx.response().putHeader("Content-Type", "application/pdf")
                            .putHeader("Content-Disposition", "attachment; filename=\"borden-" + lang + ".pdf\"")
                            .end(r.result());
                }
            });
        }));
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String items) {
        try {
            return json.readTree(items);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
