package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Fiches as JSON: every spec field in document order ("" when empty), steps, balance, SMART state, labels. */
final class JsonExport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonExport() {
    }

    static String render(FicheSpec spec, String planTitle, List<FicheDoc> fiches, String lang) {
        Labels labels = new Labels(spec, lang);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("title", labels.planTitle(planTitle));
        root.put("lang", labels.lang);
        ArrayNode list = root.putArray("fiches");
        for (FicheDoc fiche : fiches) list.add(fiche(labels, fiche));
        ObjectNode names = root.putObject("labels");
        spec.fields().forEach(f -> names.put(f.id(), labels.t(f.label())));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode fiche(Labels labels, FicheDoc fiche) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", Labels.nz(fiche.id()));
        n.put("status", Labels.nz(fiche.status()));
        n.put("source", Labels.nz(fiche.source()));
        ObjectNode fields = n.putObject("fields");
        labels.spec.fields().forEach(f -> fields.put(f.id(), fiche.value(f.id())));
        ArrayNode steps = n.putArray("steps");
        fiche.steps().forEach(s -> steps.addObject().put("date", Labels.nz(s.date())).put("text", Labels.nz(s.text())));
        ArrayNode balance = n.putArray("balance");
        fiche.balance().forEach(b -> balance.addObject().put("quadrant", Labels.nz(b.quadrant())).put("text", Labels.nz(b.text())));
        ObjectNode smart = n.putObject("smart");
        labels.smart(fiche).forEach(smart::put);
        return n;
    }
}
