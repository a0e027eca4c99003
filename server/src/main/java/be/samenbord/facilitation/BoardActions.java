package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Seats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
            // FA-11: authors hidden from everyone, in frames, snapshots, the REST view and exports.
            case "anonymousOn", "anonymousOff" -> set(out, "anonymous", N.booleanNode(action.equals("anonymousOn")));
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
                // FA-26: a vote on themes; a theme's zone is where it was drawn, so a zone applies to it too.
                String on = args.path("on").isMissingNode() || args.path("on").isNull() ? Themes.ON_NOTES : args.path("on").asText("");
                if (!on.equals(Themes.ON_NOTES) && !on.equals(Themes.ON_THEMES)) throw ControlRefused.bad("on must be \"notes\" or \"themes\"");
                for (String id : ctx.items().itemIds()) {
                    ctx.items().item(id).forEach((field, r) -> {
                        if (field.startsWith("vote:") && !"0".equals(r.json())) out.add(new ControlContext.Write(id, field, N.numberNode(0)));
                    });
                }
                set(out, "vote", N.textNode("open"));
                set(out, "voteDots", N.numberNode(dots));
                set(out, "voteZone", zone == null ? N.nullNode() : N.textNode(zone));
                set(out, "voteOn", N.textNode(on));
                if (ctx.items().get(BoardControl.ITEM, "voters") != null) {
                    for (String field : List.of("voters", "present", "voterNames")) set(out, field, N.nullNode());
                }
            }
            case "voteClose" -> {
                if (!control.voteOpen()) throw ControlRefused.bad("no vote is open on this board");
                set(out, "vote", N.textNode("closed"));
                turnout(ctx, out);
            }
            default -> throw ControlRefused.bad("unknown board action '" + action + "'");
        }
        if (!out.isEmpty() && ctx.items().get(BoardControl.ITEM, "kind") == null) {
            out.add(new ControlContext.Write(BoardControl.ITEM, "kind", N.textNode("control")));
        }
        return out;
    }

    /**
     * ID-8: who voted, counted per person, beside how many people are on the board. Anyone with the
     * participant link can make up identities; the facilitator sees it when voters outnumber those present.
     */
    private static void turnout(ControlContext ctx, List<ControlContext.Write> out) {
        Set<String> voters = new TreeSet<>();
        for (String id : ctx.items().itemIds()) {
            ctx.items().item(id).forEach((field, r) -> {
                if (field.startsWith("vote:") && !"0".equals(r.json())) voters.add(Seats.personOf(field.substring(5)));
            });
        }
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> present = new TreeSet<>();
        for (ControlContext.Person p : ctx.connected()) {
            if (!p.role().canWrite()) continue;
            String person = Seats.personOf(p.replica());
            present.add(person);
            names.putIfAbsent(person, p.name());
        }
        ArrayNode voterNames = N.arrayNode();
        voters.stream().map(names::get).filter(java.util.Objects::nonNull).sorted().forEach(voterNames::add);
        set(out, "voters", N.numberNode(voters.size()));
        set(out, "present", N.numberNode(present.size()));
        set(out, "voterNames", voterNames);
    }

    private static void set(List<ControlContext.Write> out, String field, JsonNode value) {
        out.add(new ControlContext.Write(BoardControl.ITEM, field, value));
    }

}
