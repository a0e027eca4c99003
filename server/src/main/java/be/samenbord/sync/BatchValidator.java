package be.samenbord.sync;

import be.samenbord.Settings;
import be.samenbord.board.FractionalIndex;
import be.samenbord.board.Op;
import be.samenbord.board.codec.OpCodec;
import be.samenbord.board.text.TextException;
import be.samenbord.board.text.TextJson;
import be.samenbord.board.text.TextOp;
import be.samenbord.board.template.Template;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Checks a whole batch before any of it is applied (rules OP-3, IT-*, ST-4): one bad op rejects
 * the batch. Field values are checked by type; template-specific enum fields by their values.
 */
final class BatchValidator {

    static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    /** Field names: a word, optionally {@code :suffix} for per-person fields (rule IT-3). */
    static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9_]{0,31}(:[A-Za-z0-9_-]{1,64})?");
    static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-z][a-z-]{0,31}");
    static final int MAX_OTHER_VALUE_CHARS = 4096;
    static final double MAX_COORD = 1e7;

    private final int maxOps;
    private final LongSupplier clock;

    BatchValidator(int maxOps, LongSupplier clock) {
        this.maxOps = maxOps;
        this.clock = clock;
    }

    List<Op> validate(JsonNode opsNode, Template template, String replica) {
        if (opsNode == null || !opsNode.isArray()) throw invalid("ops must be an array");
        if (opsNode.isEmpty()) throw invalid("a batch needs at least one op");
        if (opsNode.size() > maxOps) throw invalid("a batch holds at most " + maxOps + " ops");
        long latest = clock.getAsLong() + Settings.MAX_CLOCK_AHEAD_MS;
        List<Op> ops = new ArrayList<>(opsNode.size());
        Op previous = null;
        for (JsonNode n : opsNode) {
            Op op;
            try {
                op = OpCodec.read(n, previous);
                previous = op;
            } catch (OpCodec.CodecException e) {
                throw invalid(e.getMessage());
            }
            if (!op.stamp().replica().equals(replica)) throw invalid("stamps must carry your own replica id");
            if (op.stamp().ms() > latest) {
                throw new WireError(WireError.CLOCK_SKEW, "stamp is more than 60 s ahead of the server clock; check your clock");
            }
            if (!ITEM_ID.matcher(op.item()).matches()) throw invalid("item id must be 1-64 of [A-Za-z0-9_.:-]");
            if (be.samenbord.facilitation.BoardControl.reserved(op.item())) {
                throw new WireError(WireError.FORBIDDEN, "item " + op.item() + " is the node's own (FA-4)");
            }
            if (n.get("v").isObject() && textField(op.field(), template)) {
                checkTextOp(op, replica);
            } else {
                checkField(op.field(), n.get("v"), template, replica);
            }
            ops.add(op);
        }
        return ops;
    }

    /** Fields that may merge text (TX-4): {@code text} and free string fields, never the fixed or per-person ones. */
    static boolean textField(String field, Template template) {
        if (field.equals("text")) return true;
        if (field.indexOf(':') >= 0 || FIXED_FIELDS.contains(field) || ThemeFields.fixed(field, template)
                || template.refFields().contains(field)) return false;
        List<String> allowed = template.itemFields().get(field);
        return allowed == null || allowed.isEmpty();
    }

    private static final java.util.Set<String> FIXED_FIELDS = java.util.Set.of("kind", "x", "y", "w", "h", "color", "zone", "author", "z", "deleted");

    /** A text op from a client (TX-3, TX-4): its shape, its own replica in the ids it makes, no states. */
    private static void checkTextOp(Op op, String replica) {
        TextOp t;
        try {
            t = TextJson.parse(op.json(), op.stamp());
        } catch (TextException e) {
            throw invalid(op.field() + ": " + e.getMessage());
        }
        switch (t) {
            case TextOp.Insert ins -> {
                if (!ins.first().replica().equals(replica)) throw invalid("inserted characters carry your own replica id (TX-4)");
            }
            case TextOp.Delete del -> {
            }
            case TextOp.State st -> throw invalid("only the node sends a text field's state (TX-4)");
        }
    }

    private void checkField(String field, JsonNode v, Template template, String replica) {
        if (!FIELD.matcher(field).matches()) throw invalid("bad field name '" + field + "'");
        switch (field) {
            case "kind" -> {
                if (!v.isTextual() || !template.itemKinds().contains(v.asText()) && !ThemeFields.extraKind(v.asText(), template)) {
                    throw invalid("kind must be one of " + template.itemKinds());
                }
            }
            case "x", "y" -> number(field, v, -MAX_COORD);
            case "w", "h" -> number(field, v, 0);
            case "text" -> {
                if (!v.isTextual()) throw invalid("text must be a string");
                String s = v.asText();
                if (s.codePointCount(0, s.length()) > Settings.MAX_TEXT_CHARS) {
                    throw invalid("text is longer than " + Settings.MAX_TEXT_CHARS + " characters");
                }
            }
            case "color" -> {
                if (!v.isTextual() || !COLOR.matcher(v.asText()).matches()) throw invalid("color must be #rgb(a) or a name");
            }
            case "zone" -> {
                if (!v.isNull() && !(v.isTextual() && template.hasZone(v.asText()))) {
                    throw invalid("zone must be null or a zone of template " + template.id());
                }
            }
            case "author" -> {
                if (!v.isTextual() || v.asText().codePointCount(0, v.asText().length()) > 100) {
                    throw invalid("author must be a string of at most 100 characters");
                }
            }
            case "z" -> {
                if (!v.isTextual() || !FractionalIndex.isValid(v.asText())) throw invalid("z must be a fractional index key");
            }
            case "deleted" -> {
                if (!v.isBoolean()) throw invalid("deleted must be true or false");
            }
            default -> {
                if (!ThemeFields.check(field, v, template)) checkOtherField(field, v, template, replica);
            }
        }
    }

    private void checkOtherField(String field, JsonNode v, Template template, String replica) {
        int colon = field.indexOf(':');
        String base = colon < 0 ? field : field.substring(0, colon);
        if (base.equals("vote")) {
            // One field per voter (contract §5): a replica may only set its own count.
            if (colon < 0 || !field.substring(colon + 1).equals(replica)) throw invalid("vote:<replica> must name your own replica");
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() > 99) {
                throw invalid("a vote count is an integer from 0 to 99");
            }
            return;
        }
        if (template.refFields().contains(field)) {
            // An arrow's end (IT-6): the id of an item of this board, or null; whether that item
            // is a note in the right zone is the client's to show, since a concurrent move or delete
            // could change it after any check here.
            if (!v.isNull() && !(v.isTextual() && ITEM_ID.matcher(v.asText()).matches())) {
                throw invalid(field + " must be null or an item id (1-64 of [A-Za-z0-9_.:-])");
            }
            return;
        }
        if (base.startsWith(be.samenbord.board.Items.OWN_PREFIX)) {
            // IT-8: a person's own value, on the template's item, for one of its dimensions, their own replica only.
            Template.OwnValues own = template.ownValues();
            if (own == null || colon < 0 || !own.dimensions().contains(base.substring(4))) throw invalid(field + " is no own value of this board");
            if (!field.substring(colon + 1).equals(replica)) throw invalid(base + ":<replica> must name your own replica");
            if (!v.isNull() && !(v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= own.min() && v.asInt() <= own.max())) {
                throw invalid("an own value is null or a whole number from " + own.min() + " to " + own.max());
            }
            return;
        }
        if (template.scoresOn(base)) {
            // One field per person and criterion (IT-7), like a vote: a replica sets only its own score.
            if (colon < 0 || !field.substring(colon + 1).equals(replica)) throw invalid(base + ":<replica> must name your own replica");
            Template.Scores sc = template.scores();
            if (!v.isNull() && !(v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= sc.min() && v.asInt() <= sc.max())) {
                throw invalid("a score is null or a whole number from " + sc.min() + " to " + sc.max());
            }
            return;
        }
        List<String> allowed = template.itemFields().get(field);
        if (allowed != null && !allowed.isEmpty() && !(v.isTextual() && allowed.contains(v.asText()))) {
            throw invalid(field + " must be one of " + allowed);
        }
        // A string counts by its characters (like text), anything else by its JSON text.
        int size = v.isTextual() ? v.asText().codePointCount(0, v.asText().length()) : v.toString().length();
        if (size > MAX_OTHER_VALUE_CHARS) throw invalid(field + " value is too large");
    }

    private static void number(String field, JsonNode v, double min) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < min || v.asDouble() > MAX_COORD) {
            throw invalid(field + " must be a number from " + (long) min + " to " + (long) MAX_COORD);
        }
    }

    private static WireError invalid(String message) {
        return new WireError(WireError.INVALID_OP, message);
    }
}
