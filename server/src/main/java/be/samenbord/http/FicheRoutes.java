package be.samenbord.http;

import be.samenbord.fiche.FicheBoards;
import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheService;
import be.samenbord.fiche.export.FicheExport;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Action fiche routes (rules FI-1..FI-9): spec, conversion, listing and exports. */
public final class FicheRoutes {

    private final FicheService fiches;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;
    private final ExportPool pool;

    public FicheRoutes(FicheService fiches, WorkshopDirectory directory, ObjectMapper json, ExportPool pool) {
        this.fiches = fiches;
        this.directory = directory;
        this.json = json;
        this.pool = pool;
    }

    public void register(Router r) {
        r.get("/api/fiche-spec").handler(ctx -> HttpApi.send(ctx, 200, fiches.spec().json()));
        r.post("/api/workshops/:id/fiches/convert").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::convert);
        r.get("/api/workshops/:id/fiches").handler(this::list);
        r.get("/api/workshops/:id/fiches/export").handler(this::exportPlan);
        r.get("/api/fiches/:id/export").handler(this::exportOne);
    }

    /** The token's workshop, which must be the one in the path (FI-6). */
    private Workshop workshop(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        if (!access.workshop().id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        return access.workshop();
    }

    private void convert(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        if (!access.workshop().id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        if (!access.role().canWrite()) throw ApiError.forbidden("observers cannot convert boards");
        JsonNode body = JsonBody.object(ctx, json);
        if (body == null || !body.path("board").isTextual()) throw ApiError.badRequest("board must be a board id");
        String board = body.path("board").asText();
        if (!access.workshop().hasBoard(board) && directory.readsThrough()) {
            // Perhaps added on a node whose announcement this one missed (CU-9): read the workshop first.
            io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
            directory.readWorkshop(access.workshop().id()).whenComplete((known, err) -> context.runOnContext(v -> {
                try {
                    convert(ctx, HttpApi.authenticate(ctx, directory), body, board);
                } catch (RuntimeException e) {
                    ctx.fail(e);
                }
            }));
            return;
        }
        convert(ctx, access, body, board);
    }

    private void convert(RoutingContext ctx, WorkshopDirectory.Access access, JsonNode body, String board) {
        if (!access.workshop().hasBoard(board) && directory.workshopOfBoard(board).isPresent()) {
            throw ApiError.forbidden("this board belongs to another workshop");
        }
        List<String> items = new ArrayList<>();
        JsonNode list = body.path("items");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray() || list.size() > 200) throw ApiError.badRequest("items must be a list of at most 200 note ids");
            list.forEach(i -> items.add(i.asText()));
        }
        HttpApi.reply(ctx, fiches.convert(access.workshop(), board, items).thenApply(converted -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode arr = out.putArray("fiches");
            converted.forEach(c -> arr.addObject().put("id", c.id()).put("title", c.title()).put("created", c.created())
                    .put("source", c.source()));
            return out;
        }), 200);
    }

    private void list(RoutingContext ctx) {
        HttpApi.reply(ctx, fiches.fiches(workshop(ctx)).thenApply(docs -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode arr = out.putArray("fiches");
            for (FicheDoc d : docs) {
                ObjectNode f = arr.addObject().put("id", d.id()).put("title", d.title()).put("status", d.status()).put("source", d.source());
                // The action plan's driver and first-date columns (SU-9).
                f.put("driver", d.value("driver"));
                d.firstDatedStep().ifPresentOrElse(s -> f.put("firstDate", s.date()).put("firstStep", s.text()),
                        () -> f.putNull("firstDate").putNull("firstStep"));
                ObjectNode smart = f.putObject("smart");
                d.smart().met().forEach(smart::put);
                ArrayNode missing = f.putArray("missing");
                d.smart().missing().forEach(missing::add);
            }
            return out;
        }), 200);
    }

    private void exportPlan(RoutingContext ctx) {
        Workshop w = workshop(ctx);
        ExportRequest request = ExportRequest.of(ctx);
        export(ctx, request, w.title(), fiches.fiches(w), "actieplan");
    }

    private void exportOne(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        String id = ctx.pathParam("id");
        boolean ours = access.workshop().boards().stream()
                .anyMatch(b -> b.id().equals(id) && b.template().equals(FicheBoards.TEMPLATE));
        if (!ours) {
            if (directory.workshopOfBoard(id).isPresent()) throw ApiError.forbidden("this token belongs to another workshop");
            throw ApiError.notFound("unknown_fiche", "no fiche with that id");
        }
        ExportRequest request = ExportRequest.of(ctx);
        export(ctx, request, access.workshop().title(), fiches.fiche(id).thenApply(List::of), "actiefiche");
    }

    /** What an export asks for (FI-5): format, language, CSV separator. */
    private record ExportRequest(String format, String lang, char separator) {

        static ExportRequest of(RoutingContext ctx) {
            String format = ctx.queryParams().get("format") == null ? "pdf" : ctx.queryParams().get("format").toLowerCase(Locale.ROOT);
            if (!List.of("pdf", "md", "csv", "json").contains(format)) throw ApiError.badRequest("format must be pdf, md, csv or json");
            String lang = "en".equals(ctx.queryParams().get("lang")) ? "en" : "nl";
            String sep = ctx.queryParams().get("sep");
            char separator = sep == null ? FicheExport.csvSeparator(lang) : switch (sep.toLowerCase(Locale.ROOT)) {
                case "comma" -> ',';
                case "semicolon" -> ';';
                default -> throw ApiError.badRequest("sep must be comma or semicolon");
            };
            return new ExportRequest(format, lang, separator);
        }

        String contentType() {
            return switch (format) {
                case "pdf" -> FicheExport.PDF_TYPE;
                case "md" -> FicheExport.MARKDOWN_TYPE;
                case "csv" -> FicheExport.CSV_TYPE;
                default -> "application/json; charset=utf-8";
            };
        }
    }

    private void export(RoutingContext ctx, ExportRequest request, String title, CompletableFuture<List<FicheDoc>> docs, String fileName) {
        var spec = fiches.spec();
        String lang = request.lang();
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        docs.whenComplete((list, err) -> context.runOnContext(v -> {
            if (err != null) {
                ctx.fail(err);
                return;
            }
            // Rendering is CPU work: on the export pool, side by side, never on an event loop (FI-9).
            pool.submit(() -> switch (request.format()) {
                case "pdf" -> Buffer.buffer(FicheExport.pdf(spec, title, list, lang));
                case "md" -> Buffer.buffer(FicheExport.markdown(spec, title, list, lang).getBytes(StandardCharsets.UTF_8));
                case "csv" -> Buffer.buffer("\uFEFF" + FicheExport.csv(spec, list, lang, request.separator()), "UTF-8");
                default -> Buffer.buffer(FicheExport.json(spec, title, list, lang).getBytes(StandardCharsets.UTF_8));
            }).onComplete(r -> {
                if (r.failed() && r.cause() instanceof ExportPool.Busy busy) {
                    ctx.response().putHeader("Retry-After", String.valueOf(ExportPool.RETRY_AFTER_SECONDS));
                    ctx.fail(new ApiError(503, "busy", busy.getMessage()));
                } else if (r.failed()) {
                    ctx.fail(r.cause());
                } else {
                    ctx.response().putHeader("Content-Type", request.contentType())
                            .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "-" + lang + "." + request.format() + "\"")
                            .end(r.result());
                }
            });
        }));
    }
}
