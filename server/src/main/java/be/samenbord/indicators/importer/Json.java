package be.samenbord.indicators.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Reading numbers and dates from exports, which write numbers as numbers or as strings (IND-6):
 * {@code "value":"12"} and {@code "value":12} mean the same, {@code ""} and {@code null} mean none.
 * Errors name the file and field, never the value.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Parsers that leave their stream open: a zip entry is not the end of the zip. */
    static final JsonFactory FACTORY = MAPPER.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private Json() {
    }

    /** A number, or a string holding one; null for null, missing or ""; a failure for anything else. */
    static Double num(JsonNode n, String file, String field) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return parse(n.asText(), file, field);
        throw ImportFailure.malformed(file, field + " is not a number");
    }

    /** The current token as a number (see {@link #num(JsonNode, String, String)}). */
    static Double num(JsonParser p, String file, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) return p.getDoubleValue();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t == JsonToken.VALUE_STRING) return parse(p.getText(), file, field);
        throw ImportFailure.malformed(file, field + " is not a number (line " + p.currentLocation().getLineNr() + ")");
    }

    private static Double parse(String s, String file, String field) {
        s = s.strip();
        if (s.isEmpty()) return null;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw ImportFailure.malformed(file, field + " is not a number");
        }
    }

    static String text(JsonNode n) {
        return n == null || !n.isTextual() ? null : n.asText();
    }

    static LocalDate date(JsonNode n) {
        return Dates.date(text(n));
    }

    /** A google.type.Date object {@code {"year","month","day"}}. */
    static LocalDate civilDate(JsonNode n) {
        if (n == null || !n.isObject()) return null;
        int y = n.path("year").asInt(0);
        int m = n.path("month").asInt(0);
        int d = n.path("day").asInt(0);
        if (y == 0 || m == 0 || d == 0) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The current value as a tree (records are small; only per-sample files are streamed). */
    static JsonNode tree(JsonParser p) throws IOException {
        return MAPPER.readTree(p);
    }
}
