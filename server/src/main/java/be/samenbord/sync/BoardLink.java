package be.samenbord.sync;

import be.samenbord.board.Op;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What a {@link Connection} talks to after its hello: the board's hub here, or its owner elsewhere. */
interface BoardLink {

    String boardId();

    void join(long since);

    void submit(String batchId, List<Op> ops);

    /**
     * {@code caret}: where the caret is in a text field (TX-8), or null; {@code drag}: where the
     * notes being dragged are now (PR-5), or null.
     */
    void presence(JsonNode cursor, JsonNode selection, JsonNode caret, JsonNode drag);

    void leave();

    /** A hub on this node: calls go straight to it. */
    record Local(BoardHub hub, Connection connection) implements BoardLink {
        @Override
        public String boardId() {
            return hub.id();
        }

        @Override
        public void join(long since) {
            hub.join(connection, since);
        }

        @Override
        public void submit(String batchId, List<Op> ops) {
            hub.submit(connection, batchId, ops);
        }

        @Override
        public void presence(JsonNode cursor, JsonNode selection, JsonNode caret, JsonNode drag) {
            hub.presence(connection, cursor, selection, caret, drag);
        }

        @Override
        public void leave() {
            hub.leave(connection);
        }
    }
}
