package be.samenbord.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates as they cross the cluster (rule SE-8): a JSON list, one message per sender and tick.
 * {@code {"u":[{"b":board,"s":seq,"w":whole,"v":voteOpen,"i":[{"id","k","t":{field:text},"z","c","a","o","p":[voters]}]}]}}.
 */
final class UpdateCodec {

    private final ObjectMapper json;

    UpdateCodec(ObjectMapper json) {
        this.json = json;
    }

    String encode(List<BoardUpdate> updates) {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("u");
        for (BoardUpdate u : updates) {
            ObjectNode n = list.addObject().put("b", u.board()).put("s", u.seq());
            if (u.whole()) n.put("w", true);
            if (u.voteOpen()) n.put("v", true);
            ArrayNode items = n.putArray("i");
            for (ItemDoc d : u.items()) {
                ObjectNode i = items.addObject().put("id", d.item());
                if (d.isRemoved()) continue;
                i.put("k", d.kind());
                ObjectNode texts = i.putObject("t");
                d.texts().forEach(texts::put);
                if (d.zone() != null) i.put("z", d.zone());
                if (d.color() != null) i.put("c", d.color());
                if (d.author() != null) i.put("a", d.author());
                if (d.owner() != null) i.put("o", d.owner());
                if (!d.voters().isEmpty()) d.voters().forEach(i.putArray("p")::add);
            }
        }
        return root.toString();
    }

    List<BoardUpdate> decode(String text) throws IOException {
        List<BoardUpdate> out = new ArrayList<>();
        for (JsonNode n : json.readTree(text).path("u")) {
            List<ItemDoc> items = new ArrayList<>();
            for (JsonNode i : n.path("i")) {
                Map<String, String> texts = new LinkedHashMap<>();
                i.path("t").properties().forEach(e -> texts.put(e.getKey(), e.getValue().asText()));
                List<String> voters = new ArrayList<>();
                i.path("p").forEach(p -> voters.add(p.asText()));
                items.add(new ItemDoc(i.path("id").asText(), text(i, "k"), texts, text(i, "z"), text(i, "c"), text(i, "a"),
                        text(i, "o"), voters));
            }
            out.add(new BoardUpdate(n.path("b").asText(), n.path("s").asLong(), n.path("w").asBoolean(false),
                    n.path("v").asBoolean(false), items));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
