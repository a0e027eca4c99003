package be.samenbord.http;

import be.samenbord.summary.SessionSummary;
import be.samenbord.summary.SummaryMarkdown;
import be.samenbord.summary.SummaryPdf;
import be.samenbord.summary.SummaryService;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Session summary routes (rules SU-1, SU-6..SU-8): JSON, Markdown and PDF of
 * {@code /api/workshops/{id}/summary}, for any token of the workshop.
 */
public final class SummaryRoutes {

    private final SummaryService summaries;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;
    private final ExportPool pool;

    public SummaryRoutes(SummaryService summaries, WorkshopDirectory directory, ObjectMapper json, ExportPool pool) {
        this.summaries = summaries;
        this.directory = directory;
        this.json = json;
        this.pool = pool;
    }

    public void register(Router r) {
        r.get("/api/workshops/:id/summary").handler(ctx -> send(ctx, "application/json; charset=utf-8", null,
                s -> () -> Buffer.buffer(json.writeValueAsBytes(s))));
        r.get("/api/workshops/:id/summary.md").handler(ctx -> send(ctx, "text/markdown; charset=utf-8", "md",
                s -> () -> Buffer.buffer(SummaryMarkdown.render(s).getBytes(StandardCharsets.UTF_8))));
        r.get("/api/workshops/:id/summary.pdf").handler(ctx -> send(ctx, "application/pdf", "pdf",
                s -> () -> Buffer.buffer(SummaryPdf.render(s))));
    }

    /** 401 without a known token; 404 for an unknown workshop; 403 for another workshop's token (SU-1). */
    private Workshop workshop(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        String id = ctx.pathParam("id");
        if (access.workshop().id().equals(id)) return access.workshop();
        if (directory.workshop(id).isEmpty()) throw ApiError.notFound("unknown_workshop", "no workshop with that id");
        throw ApiError.forbidden("this token belongs to another workshop");
    }

    /** Builds the summary, then renders it on the export pool (FI-9), side by side with other exports. */
    private void send(RoutingContext ctx, String type, String extension, Function<SessionSummary, Callable<Buffer>> render) {
        Workshop w = workshop(ctx);
        String asked = ctx.queryParams().get("lang");
        if (asked != null && !asked.equals("nl") && !asked.equals("en")) throw ApiError.badRequest("lang must be nl or en");
        String lang = asked != null ? asked : "en".equals(w.lang()) ? "en" : "nl";
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        summaries.summary(w, lang).whenComplete((s, err) -> context.runOnContext(v -> {
            if (err != null) {
                ctx.fail(err);
                return;
            }
            pool.submit(render.apply(s)).onComplete(r -> {
                if (r.failed() && r.cause() instanceof ExportPool.Busy busy) {
                    ctx.response().putHeader("Retry-After", String.valueOf(ExportPool.RETRY_AFTER_SECONDS));
                    ctx.fail(new ApiError(503, "busy", busy.getMessage()));
                } else if (r.failed()) {
                    ctx.fail(r.cause());
                } else {
                    if (extension != null) {
                        String name = ("en".equals(lang) ? "summary" : "samenvatting") + "-" + lang + "." + extension;
                        ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
                    }
                    ctx.response().putHeader("Content-Type", type).end(r.result());
                }
            });
        }));
    }
}
