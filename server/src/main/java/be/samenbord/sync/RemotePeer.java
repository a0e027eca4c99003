package be.samenbord.sync;

import be.samenbord.workshop.Role;

/**
 * A session on another node, as its board's owner sees it: every frame goes to that node's edge
 * address, which hands it to the socket. Frames of one board leave from the board's context
 * through one outbox list, so they arrive in seq order; a fan-out to several sessions on that node
 * becomes one item naming them all.
 */
final class RemotePeer implements Peer {

    private final RelayOutbox outbox;
    private final String key;
    private final String node;
    private final String replica;
    private final String name;
    private final Role role;
    private final boolean mergesText;
    private final BoardHub hub;
    private final Runnable forget;

    RemotePeer(RelayOutbox outbox, String key, String node, String replica, String name, Role role, boolean mergesText, BoardHub hub,
               Runnable forget) {
        this.outbox = outbox;
        this.key = key;
        this.node = node;
        this.replica = replica;
        this.name = name;
        this.role = role;
        this.mergesText = mergesText;
        this.hub = hub;
        this.forget = forget;
    }

    @Override
    public boolean mergesText() {
        return mergesText;
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
        outbox.add(ClusterRelay.EDGE + node, RelayBatch.Item.of(RelayBatch.SEND, key, frame, null));
    }

    @Override
    public void sendDroppable(String frame) {
        outbox.add(ClusterRelay.EDGE + node, RelayBatch.Item.of(RelayBatch.SEND_DROPPABLE, key, frame, null));
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
        outbox.add(ClusterRelay.EDGE + node, RelayBatch.Item.close(key, code, reason));
    }
}
