package be.samenbord.cluster;

import be.samenbord.store.Records;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Tells every other node about a stored workshop (created, or boards added) and waits until each
 * has it, so a token handed out by one node works on any node at once. A node that joins later
 * reads workshops from the shared store after it started listening here, so it misses none.
 */
public final class WorkshopBroadcast {

    private static final Logger LOG = Logger.getLogger(WorkshopBroadcast.class.getName());
    private static final String ADDRESS = "samenbord.workshops.";
    private static final long TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final String localNode;
    private final Supplier<List<String>> nodes;

    public WorkshopBroadcast(Vertx vertx, String localNode, Supplier<List<String>> nodes) {
        this.vertx = vertx;
        this.localNode = localNode;
        this.nodes = nodes;
    }

    /** Starts taking other nodes' workshops into {@code directory}. */
    public Future<Void> listen(WorkshopDirectory directory) {
        return vertx.eventBus().<String>consumer(ADDRESS + localNode, m -> {
            try {
                directory.add(Records.readWorkshop(m.body()));
                m.reply("ok");
            } catch (Records.BadRecord e) {
                m.fail(400, e.getMessage());
            }
        }).completion();
    }

    /** Completes when every other member took the workshop, or after a timeout (a node that died). */
    public CompletableFuture<Void> announce(Workshop w) {
        String record = Records.workshop(w);
        List<Future<?>> sent = new ArrayList<>();
        for (String node : nodes.get()) {
            if (node.equals(localNode)) continue;
            sent.add(vertx.eventBus().request(ADDRESS + node, record, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
                    .onFailure(e -> LOG.warning("node " + node + " did not take workshop " + w.id() + ": " + e.getMessage())));
        }
        return Future.join(new ArrayList<>(sent)).<Void>mapEmpty().otherwiseEmpty().toCompletionStage().toCompletableFuture();
    }
}
