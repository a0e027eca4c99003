package be.samenbord.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds {@code ops} frames for one replica, with stamps from a counter so they always increase. */
public final class OpsBuilder {

    private final String replica;
    private final long baseMs;
    private long counter;

    public OpsBuilder(String replica) {
        this(replica, System.currentTimeMillis());
    }

    public OpsBuilder(String replica, long baseMs) {
        this.replica = replica;
        this.baseMs = baseMs;
    }

    public ObjectNode op(String item, String field, Object value) {
        return op(item, field, value, baseMs);
    }

    public ObjectNode op(String item, String field, Object value, long ms) {
        ObjectNode op = WsClient.JSON.createObjectNode().put("i", item).put("f", field);
        op.set("v", WsClient.JSON.valueToTree(value));
        op.putArray("s").add(ms).add(counter++).add(replica);
        return op;
    }

    public static ObjectNode batch(String batchId, JsonNode... ops) {
        ObjectNode frame = WsClient.frame("ops").put("batch", batchId);
        ArrayNode list = frame.putArray("ops");
        for (JsonNode op : ops) list.add(op);
        return frame;
    }

    /** A batch that creates a note with the given text in a zone. */
    public ObjectNode note(String batchId, String item, String text, String zone) {
        return batch(batchId, op(item, "kind", "note"), op(item, "text", text), op(item, "zone", zone),
                op(item, "x", 10), op(item, "y", 20));
    }
}
