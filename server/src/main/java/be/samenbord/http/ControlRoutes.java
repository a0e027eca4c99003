package be.samenbord.http;

import be.samenbord.sync.BoardRegistry;
import be.samenbord.sync.Facilitation;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/** {@code POST /api/boards/{id}/control} (rule FA-8): the facilitation actions over REST. */
public final class ControlRoutes {

    private static final Pattern REPLICA = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private final Facilitation facilitation;
    private final BoardRegistry boards;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;

    public ControlRoutes(Facilitation facilitation, BoardRegistry boards, WorkshopDirectory directory, ObjectMapper json) {
        this.facilitation = facilitation;
        this.boards = boards;
        this.directory = directory;
        this.json = json;
    }

    public void register(Router r) {
        r.post("/api/boards/:id/control").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::control);
    }

    private void control(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        String id = ctx.pathParam("id");
        if (!boards.exists(id)) throw ApiError.notFound("unknown_board", "no board with that id");
        if (!access.workshop().hasBoard(id)) throw ApiError.forbidden("this token belongs to another workshop");
        JsonNode body = JsonBody.object(ctx, json);
        // An answer is the sender's own (FA-16): only a WebSocket knows whose (a seated replica proves its seat).
        if ("roundAnswer".equals(body.path("action").asText())) {
            throw ApiError.badRequest("roundAnswer is sent on the room's WebSocket connection, which knows whose answer it is");
        }
        // The acting replica only labels who set a follow view; REST callers may name theirs.
        String actor = body.path("replica").isTextual() && REPLICA.matcher(body.get("replica").asText()).matches()
                ? body.get("replica").asText() : "rest-api";
        CompletableFuture<JsonNode> answer = facilitation.control(access, id, actor, body)
                .handle((seq, e) -> {
                    if (e == null) return json.createObjectNode().put("seq", seq);
                    ControlRefused r = ControlRefused.in(e);
                    if (r != null) throw refusal(r);
                    throw e instanceof CompletionException c ? c : new CompletionException(e);
                });
        HttpApi.reply(ctx, answer, 200);
    }

    private static ApiError refusal(ControlRefused r) {
        return HttpApi.refusal(r);
    }
}
