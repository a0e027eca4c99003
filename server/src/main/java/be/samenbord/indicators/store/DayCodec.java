package be.samenbord.indicators.store;

import be.samenbord.indicators.importer.Warnings;
import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The plain text of stored records before sealing: compact JSON (short keys), and back. */
public final class DayCodec {

    static final ObjectMapper JSON = new ObjectMapper();

    private DayCodec() {
    }

    public static ObjectNode dayJson(Day d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("d", d.date().toString());
        if (d.sleepMinutes() != null) o.put("s", d.sleepMinutes());
        if (d.steps() != null) o.put("st", d.steps());
        if (d.activeMinutes() != null) o.put("a", d.activeMinutes());
        if (d.restingHeartRate() != null) o.put("r", d.restingHeartRate());
        if (d.hrvRmssd() != null) o.put("h", d.hrvRmssd());
        if (d.spo2() != null) o.put("o", d.spo2());
        return o;
    }

    public static Day day(JsonNode o) {
        return new Day(LocalDate.parse(o.path("d").asText()), integer(o, "s"), integer(o, "st"), integer(o, "a"),
                number(o, "r"), number(o, "h"), number(o, "o"));
    }

    static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read(byte[] bytes) throws IOException {
        return JSON.readTree(bytes);
    }

    static ObjectNode consentJson(Consent c) {
        return JSON.createObjectNode().put("sleep", c.sleep()).put("activity", c.activity()).put("heart", c.heart()).put("team", c.team());
    }

    static Consent consent(JsonNode o) {
        return new Consent(o.path("sleep").asBoolean(false), o.path("activity").asBoolean(false), o.path("heart").asBoolean(false),
                o.path("team").asBoolean(false));
    }

    static ObjectNode importJson(ImportStatus s) {
        ObjectNode o = JSON.createObjectNode().put("id", s.id()).put("person", s.person()).put("state", s.state())
                .put("progress", s.progress()).put("days", s.days()).put("updated", s.updatedAt());
        ArrayNode w = o.putArray("warnings");
        s.warnings().forEach(x -> w.addObject().put("code", x.code()).put("count", x.count()).put("message", x.message()));
        if (s.errorCode() != null) o.put("errorCode", s.errorCode()).put("errorMessage", s.errorMessage());
        return o;
    }

    static ImportStatus importStatus(JsonNode o) {
        List<Warnings.Warning> w = new ArrayList<>();
        o.path("warnings").forEach(x -> w.add(new Warnings.Warning(x.path("code").asText(), x.path("count").asInt(), x.path("message").asText())));
        return new ImportStatus(o.path("id").asText(), o.path("person").asText(), o.path("state").asText(), o.path("progress").asDouble(),
                o.path("days").asInt(), w, o.hasNonNull("errorCode") ? o.get("errorCode").asText() : null,
                o.hasNonNull("errorMessage") ? o.get("errorMessage").asText() : null, o.path("updated").asLong());
    }

    private static Integer integer(JsonNode o, String f) {
        return o.hasNonNull(f) ? o.get(f).asInt() : null;
    }

    private static Double number(JsonNode o, String f) {
        return o.hasNonNull(f) ? o.get(f).asDouble() : null;
    }
}
