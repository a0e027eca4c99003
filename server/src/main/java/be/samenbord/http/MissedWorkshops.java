package be.samenbord.http;

import be.samenbord.workshop.WorkshopDirectory;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Before every route that names a workshop or a board (rule CU-9): on a cluster node that does not
 * know the bearer's token, the workshop, or the board, the workshop is read from the shared store
 * first, so a node that missed its announcement answers like the others. The routes then check
 * tokens as before. A single node has everything already and goes straight on.
 */
final class MissedWorkshops {

    private static final Logger LOG = Logger.getLogger(MissedWorkshops.class.getName());

    private MissedWorkshops() {
    }

    static void register(Router r, WorkshopDirectory directory) {
        if (!directory.readsThrough()) return;
        r.route("/api/workshops/:id").handler(ctx -> byWorkshop(ctx, directory));
        r.route("/api/workshops/:id/*").handler(ctx -> byWorkshop(ctx, directory));
        r.route("/api/boards/:id").handler(ctx -> byBoard(ctx, directory));
        r.route("/api/boards/:id/*").handler(ctx -> byBoard(ctx, directory));
        r.route("/api/fiches/:id/*").handler(ctx -> byBoard(ctx, directory));
    }

    private static void byWorkshop(RoutingContext ctx, WorkshopDirectory directory) {
        String id = ctx.pathParam("id");
        Optional<WorkshopDirectory.Access> access = directory.authenticate(HttpApi.bearer(ctx));
        if (access.isPresent() && access.get().workshop().id().equals(id)) {
            ctx.next();
            return;
        }
        after(ctx, directory.readWorkshop(id), "workshop " + id);
    }

    private static void byBoard(RoutingContext ctx, WorkshopDirectory directory) {
        String id = ctx.pathParam("id");
        Optional<WorkshopDirectory.Access> access = directory.authenticate(HttpApi.bearer(ctx));
        if (access.isPresent() && access.get().workshop().hasBoard(id)) {
            ctx.next();
            return;
        }
        after(ctx, directory.readBoard(id), "the workshop of board " + id);
    }

    /** Goes on once the read is done (failed or not: the route then answers from what is known). */
    private static void after(RoutingContext ctx, java.util.concurrent.CompletableFuture<Boolean> read, String what) {
        // A body arriving meanwhile must wait for the route's body handler, which resumes the request.
        if (ctx.request().method() != HttpMethod.GET) ctx.request().pause();
        Context context = ctx.vertx().getOrCreateContext();
        read.whenComplete((known, err) -> context.runOnContext(v -> {
            if (err != null) LOG.log(Level.WARNING, "reading " + what + " from the store failed", err);
            ctx.next();
        }));
    }
}
