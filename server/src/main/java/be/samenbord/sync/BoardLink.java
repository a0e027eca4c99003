package be.samenbord.sync;

import be.samenbord.board.Op;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What a {@link Connection} talks to after its hello: the board's hub here, or its owner elsewhere. */
interface BoardLink {

    String boardId();

    void join(long since);

    void submit(String batchId, List<Op> ops);

    void presence(JsonNode cursor, JsonNode selection);

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
        public void presence(JsonNode cursor, JsonNode selection) {
            hub.presence(connection, cursor, selection);
        }

        @Override
        public void leave() {
            hub.leave(connection);
        }
    }
}
