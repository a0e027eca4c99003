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
 */
public record Template(String id, String titleNl, String titleEn, List<String> zoneIds, Set<String> itemKinds,
                       Map<String, List<String>> itemFields, JsonNode json) {

    public Template {
        zoneIds = List.copyOf(zoneIds);
        itemKinds = Set.copyOf(itemKinds);
        itemFields = Map.copyOf(itemFields);
    }

    public boolean hasZone(String zone) {
        return zoneIds.contains(zone);
    }
}
