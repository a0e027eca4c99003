package be.samenbord.fiche;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import be.samenbord.board.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a fiche lives on a board (rule FI-2): item {@value #FICHE_ITEM} holds one field per spec
 * field plus status and source; steps and balance entries are items of kind "step" / "balance".
 * So a fiche is edited live with exactly the same sync, dedup and durability as any board.
 */
public final class FicheBoards {

    public static final String TEMPLATE = "action-fiche";
    public static final String FICHE_ITEM = "fiche";

    private FicheBoards() {
    }

    /** The (unlisted) template fiche boards use: its zones are the balance quadrants. */
    public static Template template(FicheSpec spec, ObjectMapper json) {
        ObjectNode doc = json.createObjectNode().put("id", TEMPLATE);
        doc.putObject("title").put("nl", spec.title().nl()).put("en", spec.title().en());
        return new Template(TEMPLATE, spec.title().nl(), spec.title().en(),
                spec.quadrants().stream().map(FicheSpec.Quadrant::id).toList(), Set.of("fiche", "step", "balance"),
                Map.of("status", spec.statusIds()), doc);
    }

    /** The id of the fiche made from a source, the same every time: converting again finds it (FI-3). */
    public static String ficheId(String workshopId, String sourceKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((workshopId + "\n" + sourceKey).getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder("fiche-");
            for (int i = 0; i < 8; i++) b.append(String.format("%02x", d[i]));
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a fiche board's state as a document. */
    public static FicheDoc read(FicheSpec spec, String boardId, Items items, ObjectMapper json) {
        Map<String, String> values = new HashMap<>();
        items.item(FICHE_ITEM).forEach((field, reg) -> {
            String text = text(reg, json);
            if (text != null) values.put(field, text);
        });
        List<Ordered<FicheDoc.Step>> steps = new ArrayList<>();
        List<FicheDoc.BalanceEntry> balance = new ArrayList<>();
        for (String id : items.itemIds()) {
            Map<String, Register> f = items.item(id);
            if (id.equals(FICHE_ITEM) || "true".equals(raw(f, "deleted"))) continue;
            String kind = text(f.get("kind"), json);
            if ("step".equals(kind)) {
                String z = text(f.get("z"), json);
                steps.add(new Ordered<>(z == null ? "" : z, id,
                        new FicheDoc.Step(orEmpty(text(f.get("date"), json)), orEmpty(text(f.get("text"), json)))));
            } else if ("balance".equals(kind)) {
                String zone = text(f.get("zone"), json);
                if (zone != null) balance.add(new FicheDoc.BalanceEntry(zone, orEmpty(text(f.get("text"), json))));
            }
        }
        steps.sort(Comparator.comparing((Ordered<FicheDoc.Step> o) -> o.z).thenComparing(o -> o.id));
        List<FicheDoc.Step> orderedSteps = steps.stream().map(o -> o.value).toList();
        Map<String, String> fields = new HashMap<>();
        spec.fields().forEach(field -> fields.put(field.id(), values.getOrDefault(field.id(), "")));
        String status = values.getOrDefault("status", "draft");
        return new FicheDoc(boardId, status, fields, orderedSteps, balance, values.getOrDefault("source", ""),
                SmartCheck.check(spec, fields, orderedSteps));
    }

    private record Ordered<T>(String z, String id, T value) {
    }

    /** The text of a register holding a JSON string; null when absent or not a string. */
    static String text(Register r, ObjectMapper json) {
        if (r == null) return null;
        try {
            JsonNode n = json.readTree(r.json());
            return n.isTextual() ? n.asText() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("stored value is not JSON: " + r.json(), e);
        }
    }

    private static String raw(Map<String, Register> fields, String field) {
        Register r = fields.get(field);
        return r == null ? null : r.json();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
