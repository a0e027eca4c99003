package be.samenbord.sync;

import be.samenbord.workshop.Role;

/**
 * A session as its board's owner sees it: a {@link Connection} on this node, or a
 * {@link RemotePeer} whose socket is on another node of the cluster.
 */
interface Peer {

    String replica();

    String name();

    Role role();

    /** Whether the client merges text (its hello said {@code "caps":["text"]}, TX-7); else it gets plain text (TX-6). */
    default boolean mergesText() {
        return false;
    }

    /** A frame that must arrive (acks, ops, welcome, errors). */
    void send(String frame);

    /** A frame that may be dropped while the client lags (presence). */
    void sendDroppable(String frame);

    /** As {@link #send(String)}, for a frame that goes to many peers (encoded once for all). */
    default void send(OutFrame frame) {
        send(frame.text());
    }

    /** As {@link #sendDroppable(String)}, for a frame that goes to many peers. */
    default void sendDroppable(OutFrame frame) {
        sendDroppable(frame.text());
    }

    /** Closes with 1013: the client reconnects and resends what was not acknowledged. */
    void closeForRetry(String reason);

    /** Closes with 1012: the board moved to another node (or this one stops); reconnect now. */
    void closeForMove(String reason);
}
