package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room board's registers (FA-2) as JSON values, with the writes of the change being planned
 * laid over them: a step of the room machine (FA-12) reads what the steps before it wrote. Only
 * the node writes the room.
 */
final class RoomState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private final Items items;
    /** Planned writes by item, then field, in the order first written. */
    private final Map<String, Map<String, JsonNode>> written = new LinkedHashMap<>();

    RoomState(Items items) {
        this.items = items;
    }

    JsonNode get(String item, String field) {
        Map<String, JsonNode> planned = written.get(item);
        if (planned != null && planned.containsKey(field)) return planned.get(field);
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

    /**
     * Plans a write; a later write of the same register in this change replaces the earlier one. An
     * item the room does not hold yet gets {@code kind: control} unless the change names its kind;
     * an item that has a kind keeps it (a round record's {@code roundRecord} must survive its end).
     */
    void put(String item, String field, JsonNode value) {
        written.computeIfAbsent(item, k -> {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            if (items.get(item, "kind") == null) fields.put("kind", N.textNode("control"));
            return fields;
        }).put(field, value);
    }

    /** The planned writes, one per register, each item's {@code kind} first. */
    List<ControlContext.Write> writes() {
        List<ControlContext.Write> out = new ArrayList<>();
        written.forEach((item, fields) -> fields.forEach((field, value) -> out.add(new ControlContext.Write(item, field, value))));
        return out;
    }
}
