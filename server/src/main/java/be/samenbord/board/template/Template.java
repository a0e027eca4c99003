package be.samenbord.board.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board template as the server needs it (rules TP-*): its zones and item kinds for validating
 * ops, its extra item fields, and the full JSON for clients.
 *
 * @param itemFields extra item fields of this template; an enum field lists its allowed values
 * @param refFields  the extra fields that name another item of the board (type {@code ref}: an
 *                   arrow's {@code from} and {@code to}, rule IT-6)
 */
public record Template(String id, String titleNl, String titleEn, List<String> zoneIds, Set<String> itemKinds,
                       Map<String, List<String>> itemFields, JsonNode json, Set<String> refFields) {

    public Template {
        zoneIds = List.copyOf(zoneIds);
        itemKinds = Set.copyOf(itemKinds);
        itemFields = Map.copyOf(itemFields);
        refFields = Set.copyOf(refFields);
    }

    /** A template whose ref fields are read from its JSON's {@code itemFields}. */
    public Template(String id, String titleNl, String titleEn, List<String> zoneIds, Set<String> itemKinds,
                    Map<String, List<String>> itemFields, JsonNode json) {
        this(id, titleNl, titleEn, zoneIds, itemKinds, itemFields, json, refFieldsOf(json));
    }

    private static Set<String> refFieldsOf(JsonNode json) {
        Set<String> refs = new java.util.HashSet<>();
        if (json != null) json.path("itemFields").properties().forEach(e -> {
            if ("ref".equals(e.getValue().path("type").asText())) refs.add(e.getKey());
        });
        return refs;
    }

    public boolean hasZone(String zone) {
        return zoneIds.contains(zone);
    }
}
