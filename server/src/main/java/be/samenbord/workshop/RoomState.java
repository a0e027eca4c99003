package be.samenbord.workshop;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/** Reads the room board's registers (FA-2) as JSON values; only the node writes them. */
final class RoomState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Items items;

    RoomState(Items items) {
        this.items = items;
    }

    JsonNode get(String item, String field) {
        Register r = items.get(item, field);
        if (r == null) return NullNode.getInstance();
        try {
            return JSON.readTree(r.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room register " + item + "." + field + " is not JSON", e);
        }
    }

    boolean flag(String item, String field) {
        return get(item, field).asBoolean(false);
    }

    /** A number, or null when unset. */
    Long number(String item, String field) {
        JsonNode n = get(item, field);
        return n.isNumber() ? n.asLong() : null;
    }
}
