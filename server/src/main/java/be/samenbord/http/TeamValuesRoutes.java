package be.samenbord.http;

import be.samenbord.board.BoardState;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.facilitation.TeamValues;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/boards/{id}/team-values} (rule IT-8): a spider web's team medians, read on the
 * board's owner from its full state, each shown only at k or more people. Any token of the
 * workshop; nobody's own value is in the answer.
 */
public final class TeamValuesRoutes {

    private final BoardRegistry boards;
    private final TemplateCatalog templates;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;
    private final int k;

    public TeamValuesRoutes(BoardRegistry boards, TemplateCatalog templates, WorkshopDirectory directory, ObjectMapper json, int k) {
        this.boards = boards;
        this.templates = templates;
        this.directory = directory;
        this.json = json;
        this.k = k;
    }

    public void register(Router r) {
        r.get("/api/boards/:id/team-values").handler(this::teamValues);
    }

    private void teamValues(RoutingContext ctx) {
        Workshop w = HttpApi.authenticate(ctx, directory).workshop();
        String id = ctx.pathParam("id");
        Workshop.BoardRef ref = w.boards().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> boards.exists(id) ? ApiError.forbidden("this token belongs to another workshop")
                        : ApiError.notFound("unknown_board", "no board with that id"));
        Template.OwnValues spec = templates.find(ref.template()).map(Template::ownValues)
                .orElseThrow(() -> new ApiError(400, "no_own_values", "this board's template has no own values (IT-8)"));
        HttpApi.reply(ctx, boards.snapshot(id).orElseThrow(() -> ApiError.notFound("unknown_board", "no board with that id"))
                .thenApply(s -> body(TeamValues.of(BoardState.restore(s).items(), spec, k))), 200);
    }

    private ObjectNode body(TeamValues.Result r) {
        ObjectNode out = json.createObjectNode().put("k", r.k()).put("people", r.people());
        ObjectNode dims = out.putObject("dimensions");
        r.dimensions().forEach((d, v) -> {
            ObjectNode o = dims.putObject(d).put("people", v.people());
            if (v.median() == null) {
                o.putNull("median");
                o.putNull("counts");
            } else {
                o.put("median", v.median());
                var counts = o.putArray("counts");
                for (int c : v.counts()) counts.add(c);
            }
        });
        return out;
    }
}
