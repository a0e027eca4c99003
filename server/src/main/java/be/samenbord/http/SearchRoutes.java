package be.samenbord.http;

import be.samenbord.search.Search;
import be.samenbord.search.SearchRequest;
import be.samenbord.search.SearchResult;
import be.samenbord.search.SearchService;
import be.samenbord.workshop.Seats;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/workshops/{id}/search} (rules SE-1, SE-4, SE-6, SE-9). The token names the
 * workshop (another workshop's token gets 403, as FI-6); the caller's seat, sent in a header, not
 * the URL (it is a secret, ID-1), says whose private notes and dots it may find.
 */
public final class SearchRoutes {

    /** The caller's replica (ID-2); optional, checked against the seat when both are sent. */
    public static final String REPLICA_HEADER = "X-Samenbord-Replica";
    /** The caller's seat secret (ID-1): without it the caller finds only what nobody hides. */
    public static final String SEAT_HEADER = "X-Samenbord-Seat";
    private static final java.util.regex.Pattern REPLICA = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final Search search;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;

    public SearchRoutes(Search search, WorkshopDirectory directory, ObjectMapper json) {
        this.search = search;
        this.directory = directory;
        this.json = json;
    }

    public void register(Router r) {
        r.get("/api/workshops/:id/search").handler(this::search);
    }

    private void search(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        Workshop workshop = access.workshop();
        if (!workshop.id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        SearchRequest request = request(ctx, workshop, viewer(ctx));
        Context context = ctx.vertx().getOrCreateContext();
        search.search(request).whenComplete((result, err) -> context.runOnContext(v -> {
            Throwable e = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            if (e instanceof SearchService.Busy busy) {
                ctx.response().putHeader("Retry-After", "1");
                HttpApi.ok(ctx, 503, json.createObjectNode().put("error", "busy").put("message", busy.getMessage()));
            } else if (e != null) {
                ctx.fail(e);
            } else {
                HttpApi.ok(ctx, 200, answer(result));
            }
        }));
    }

    /** The person searching (ID-3), from a valid seat (and replica); null without a seat (SE-6). */
    private static String viewer(RoutingContext ctx) {
        String seat = header(ctx, SEAT_HEADER);
        String replica = header(ctx, REPLICA_HEADER);
        if (replica != null && !REPLICA.matcher(replica).matches()) throw ApiError.badRequest(REPLICA_HEADER + " must be 8-64 of [A-Za-z0-9_-]");
        if (seat == null) return null; // a replica alone proves nothing (ID-2): only what nobody hides
        if (!Seats.SECRET.matcher(seat).matches()) throw ApiError.badRequest(SEAT_HEADER + " must be 22-128 of [A-Za-z0-9_-]");
        if (replica != null) {
            if (!Seats.seated(replica)) throw ApiError.badRequest("a seat goes with a seated replica (ID-2)");
            String refusal = Seats.refusal(replica, seat);
            if (refusal != null) throw ApiError.forbidden(refusal);
        }
        return Seats.seatId(seat);
    }

    private static String header(RoutingContext ctx, String name) {
        String v = ctx.request().getHeader(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static SearchRequest request(RoutingContext ctx, Workshop workshop, String viewer) {
        MultiMap p = ctx.queryParams();
        String q = p.get("q");
        if (q == null || q.isBlank()) throw ApiError.badRequest("q must be the words to search for");
        if (q.codePointCount(0, q.length()) > SearchRequest.MAX_QUERY_CHARS) {
            throw ApiError.badRequest("q must be at most " + SearchRequest.MAX_QUERY_CHARS + " characters");
        }
        int limit = SearchRequest.DEFAULT_LIMIT;
        if (p.get("limit") != null) {
            try {
                limit = Integer.parseInt(p.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > SearchRequest.MAX_LIMIT) throw ApiError.badRequest("limit must be 1-" + SearchRequest.MAX_LIMIT);
        }
        List<String> boards = new ArrayList<>();
        for (String b : p.getAll("board")) {
            for (String id : b.split(",")) {
                if (id.isBlank()) continue;
                if (!workshop.hasBoard(id.strip())) throw ApiError.badRequest("board " + id.strip() + " is no board of this workshop");
                boards.add(id.strip());
            }
        }
        String votes = p.get("has-votes");
        if (votes != null && !votes.equals("true") && !votes.equals("false")) throw ApiError.badRequest("has-votes must be true or false");
        return new SearchRequest(workshop.id(), q, limit, viewer, boards, filter(p, "zone"), filter(p, "color"), filter(p, "author"),
                "true".equals(votes), !Character.isWhitespace(q.charAt(q.length() - 1)));
    }

    private static String filter(MultiMap p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return null;
        if (v.length() > 200) throw ApiError.badRequest(name + " must be at most 200 characters");
        return v.strip();
    }

    private ObjectNode answer(SearchResult result) {
        ObjectNode out = json.createObjectNode().put("total", result.total());
        ArrayNode hits = out.putArray("hits");
        for (SearchResult.Hit h : result.hits()) {
            hits.addObject().put("board", h.board()).put("item", h.item()).put("field", h.field()).put("snippet", h.snippet())
                    .put("score", h.score());
        }
        return out;
    }
}
