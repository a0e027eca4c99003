package be.samenbord.sync;

import be.samenbord.workshop.Role;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * A session on another node, as its board's owner sees it: every frame goes to that node's edge
 * address, which hands it to the socket. Frames of one board leave from the board's context, so
 * they arrive in seq order.
 */
final class RemotePeer implements Peer {

    private final EventBus bus;
    private final String key;
    private final String node;
    private final String replica;
    private final String name;
    private final Role role;
    private final BoardHub hub;
    private final Runnable forget;

    RemotePeer(EventBus bus, String key, String node, String replica, String name, Role role, BoardHub hub, Runnable forget) {
        this.bus = bus;
        this.key = key;
        this.node = node;
        this.replica = replica;
        this.name = name;
        this.role = role;
        this.hub = hub;
        this.forget = forget;
    }

    String node() {
        return node;
    }

    BoardHub hub() {
        return hub;
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public void send(String frame) {
        bus.send(ClusterRelay.EDGE + node, new JsonObject().put("conn", key).put("frame", frame));
    }

    @Override
    public void sendDroppable(String frame) {
        bus.send(ClusterRelay.EDGE + node, new JsonObject().put("conn", key).put("frame", frame).put("drop", true));
    }

    @Override
    public void closeForRetry(String reason) {
        close(Connection.CLOSE_TRY_AGAIN, reason);
    }

    @Override
    public void closeForMove(String reason) {
        close(Connection.CLOSE_RESTART, reason);
    }

    private void close(short code, String reason) {
        forget.run();
        bus.send(ClusterRelay.EDGE + node, new JsonObject().put("conn", key).put("close", code).put("reason", reason));
    }
}
