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
 * @param scores     the per-person scores of the integrative method (IT-7), or null
 * @param ownValues  the own values of the spider web (IT-8), or null
 */
public record Template(String id, String titleNl, String titleEn, List<String> zoneIds, Set<String> itemKinds,
                       Map<String, List<String>> itemFields, JsonNode json, Set<String> refFields, Scores scores,
                       OwnValues ownValues) {

    /** Own values (IT-8): on item {@code item}, fields {@code own_<dimension>:<replica>}, whole numbers from min to max. */
    public record OwnValues(String item, List<String> dimensions, int min, int max) {
        public OwnValues {
            dimensions = List.copyOf(dimensions);
        }

        static OwnValues of(JsonNode json) {
            JsonNode o = json == null ? null : json.get("ownValues");
            if (o == null || !o.isObject()) return null;
            List<String> dims = new java.util.ArrayList<>();
            o.path("dimensions").forEach(d -> dims.add(d.path("id").asText()));
            return new OwnValues(o.path("item").asText(), dims, o.path("min").asInt(0), o.path("max").asInt(0));
        }
    }

    /** Scores per person (IT-7): fields {@code <criterion>:<replica>}, whole numbers from min to max. */
    public record Scores(Set<String> criteria, int min, int max) {
        public Scores {
            criteria = Set.copyOf(criteria);
        }

        static Scores of(JsonNode json) {
            JsonNode sc = json == null ? null : json.get("scores");
            if (sc == null || !sc.isObject()) return null;
            Set<String> criteria = new java.util.HashSet<>();
            sc.path("criteria").forEach(c -> criteria.add(c.asText()));
            return new Scores(criteria, sc.path("min").asInt(0), sc.path("max").asInt(0));
        }
    }

    public Template {
        zoneIds = List.copyOf(zoneIds);
        itemKinds = Set.copyOf(itemKinds);
        itemFields = Map.copyOf(itemFields);
        refFields = Set.copyOf(refFields);
    }

    /** A template whose ref fields are read from its JSON's {@code itemFields}. */
    public Template(String id, String titleNl, String titleEn, List<String> zoneIds, Set<String> itemKinds,
                    Map<String, List<String>> itemFields, JsonNode json) {
        this(id, titleNl, titleEn, zoneIds, itemKinds, itemFields, json, refFieldsOf(json), Scores.of(json), OwnValues.of(json));
    }

    private static Set<String> refFieldsOf(JsonNode json) {
        Set<String> refs = new java.util.HashSet<>();
        if (json != null) json.path("itemFields").properties().forEach(e -> {
            if ("ref".equals(e.getValue().path("type").asText())) refs.add(e.getKey());
        });
        return refs;
    }

    /** Whether {@code base} (a field name before its colon) is a score criterion of this template. */
    public boolean scoresOn(String base) {
        return scores != null && scores.criteria().contains(base);
    }

    public boolean hasZone(String zone) {
        return zoneIds.contains(zone);
    }
}
