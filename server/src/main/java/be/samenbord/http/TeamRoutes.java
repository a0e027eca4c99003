package be.samenbord.http;

import be.samenbord.indicators.BoardIndicators;
import be.samenbord.indicators.IndicatorFeature;
import be.samenbord.indicators.IndicatorJson;
import be.samenbord.indicators.model.Indicator;
import be.samenbord.indicators.model.IsoWeek;
import be.samenbord.indicators.model.Kind;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A workshop's team routes (PROTOCOL.md IND-8..IND-15): the week's indicators for any role, counts
 * for facilitators (never a value), and placing or removing indicator items on boards.
 */
public final class TeamRoutes {

    private final IndicatorFeature feature;
    private final WorkshopDirectory directory;
    private final BoardRegistry boards;
    private final ObjectMapper json;

    public TeamRoutes(IndicatorFeature feature, WorkshopDirectory directory, BoardRegistry boards, ObjectMapper json) {
        this.feature = feature;
        this.directory = directory;
        this.boards = boards;
        this.json = json;
    }

    public void register(Router r) {
        r.get("/api/workshops/:id/indicators").handler(this::week);
        r.get("/api/workshops/:id/people").handler(this::counts);
        r.post("/api/boards/:id/indicators").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(this::place);
        r.delete("/api/boards/:id/indicators/:item").handler(this::remove);
    }

    private WorkshopDirectory.Access workshop(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        if (!access.workshop().id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        return access;
    }

    private void week(RoutingContext ctx) {
        Workshop w = workshop(ctx).workshop();
        String given = ctx.queryParams().get("week");
        IsoWeek week;
        try {
            week = given == null || given.isBlank() ? IsoWeek.of(feature.service.today()) : IsoWeek.parse(given);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("week must look like 2026-W05");
        }
        PeopleRoutes.reply(ctx, feature.service.week(w.id(), week).thenApply(r -> IndicatorJson.week(r, feature.service.team().rules())), 200);
    }

    private void counts(RoutingContext ctx) {
        WorkshopDirectory.Access access = workshop(ctx);
        if (access.role() != Role.FACILITATOR) throw ApiError.forbidden("only a facilitator sees the counts");
        PeopleRoutes.reply(ctx, feature.service.counts(access.workshop().id()).thenApply(c -> {
            ObjectNode o = json.createObjectNode().put("people", c.people()).put("week", c.week().toString())
                    .put("contributorsThisWeek", c.contributorsThisWeek());
            ObjectNode consents = o.putObject("consents");
            for (Kind k : Kind.values()) consents.put(k.wire(), c.consents().get(k));
            consents.put("team", c.team());
            return o;
        }), 200);
    }

    /** The board, which must be a work board of the facilitator's workshop. */
    private Workshop facilitatorBoard(RoutingContext ctx, String board) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        if (!boards.exists(board)) throw ApiError.notFound("unknown_board", "no board with that id");
        if (!access.workshop().hasBoard(board)) throw ApiError.forbidden("this token belongs to another workshop");
        if (access.role() != Role.FACILITATOR) throw ApiError.forbidden("only a facilitator places indicators");
        String template = access.workshop().boards().stream().filter(b -> b.id().equals(board)).findFirst().orElseThrow().template();
        if (ControlContext.ROOM_TEMPLATE.equals(template)) throw ApiError.badRequest("indicators go on work boards, not on the room");
        return access.workshop();
    }

    private void place(RoutingContext ctx) {
        String board = ctx.pathParam("id");
        Workshop w = facilitatorBoard(ctx, board);
        JsonNode body = JsonBody.object(ctx, json);
        Indicator ind = Indicator.byWire(body.path("indicator").asText(""))
                .orElseThrow(() -> ApiError.badRequest("indicator must be one of " + java.util.Arrays.stream(Indicator.values())
                        .map(Indicator::wire).toList()));
        int weeks = body.path("weeks").asInt(4);
        if (!body.path("weeks").isMissingNode() && !body.path("weeks").isInt() || weeks < 1 || weeks > BoardIndicators.MAX_WEEKS) {
            throw ApiError.badRequest("weeks must be a whole number from 1 to " + BoardIndicators.MAX_WEEKS);
        }
        int x = coordinate(body, "x");
        int y = coordinate(body, "y");
        PeopleRoutes.reply(ctx, feature.boards.place(w, board, ind, weeks, x, y)
                .thenApply(item -> json.createObjectNode().put("item", item)), 201);
    }

    private static int coordinate(JsonNode body, String name) {
        JsonNode v = body.path(name);
        if (v.isMissingNode()) return 20;
        if (!v.isNumber() || Math.abs(v.asDouble()) > 10_000_000) throw ApiError.badRequest(name + " must be a number (|v| <= 10^7)");
        return (int) Math.round(v.asDouble());
    }

    private void remove(RoutingContext ctx) {
        String board = ctx.pathParam("id");
        Workshop w = facilitatorBoard(ctx, board);
        PeopleRoutes.reply(ctx, feature.boards.remove(w, board, ctx.pathParam("item")).thenApply(v -> ""), 204);
    }
}
