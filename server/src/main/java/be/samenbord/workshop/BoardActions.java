package be.samenbord.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

/** A work board's actions (rules FA-4..FA-7, FA-9): lock, private writing, dot voting. */
final class BoardActions {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private BoardActions() {
    }

    static List<ControlContext.Write> plan(ControlContext ctx, String action, JsonNode args) {
        BoardControl control = BoardControl.read(ctx.items());
        List<ControlContext.Write> out = new ArrayList<>();
        switch (action) {
            case "lock", "unlock" -> set(out, "locked", N.booleanNode(action.equals("lock")));
            case "privateStart" -> {
                // Rewriting an ongoing phase would move its start and show notes written since.
                if (control.privateSince() == null) set(out, "private", N.booleanNode(true));
            }
            case "reveal" -> {
                if (control.privateSince() != null) set(out, "private", N.booleanNode(false));
            }
            case "voteStart" -> {
                int dots = Args.integer(args, "dots", 1, 20, null);
                String zone = Args.id(args, "zone", false);
                if (zone != null && !ctx.template().hasZone(zone)) throw ControlRefused.bad("zone " + zone + " is not on this board");
                for (String id : ctx.items().itemIds()) {
                    ctx.items().item(id).forEach((field, r) -> {
                        if (field.startsWith("vote:") && !"0".equals(r.json())) out.add(new ControlContext.Write(id, field, N.numberNode(0)));
                    });
                }
                set(out, "vote", N.textNode("open"));
                set(out, "voteDots", N.numberNode(dots));
                set(out, "voteZone", zone == null ? N.nullNode() : N.textNode(zone));
            }
            case "voteClose" -> {
                if (!control.voteOpen()) throw ControlRefused.bad("no vote is open on this board");
                set(out, "vote", N.textNode("closed"));
            }
            default -> throw ControlRefused.bad("unknown board action '" + action + "'");
        }
        if (!out.isEmpty() && ctx.items().get(BoardControl.ITEM, "kind") == null) {
            out.add(new ControlContext.Write(BoardControl.ITEM, "kind", N.textNode("control")));
        }
        return out;
    }

    private static void set(List<ControlContext.Write> out, String field, JsonNode value) {
        out.add(new ControlContext.Write(BoardControl.ITEM, field, value));
    }

}
