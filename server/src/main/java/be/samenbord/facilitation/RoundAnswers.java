package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Seats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A person's answer in the running round (rule FA-16): kept in the room, as item
 * {@code answer-<roundId>-<person>}, never as a note on a work board. The only room action a
 * participant may send, and only for their own person.
 */
final class RoundAnswers {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private RoundAnswers() {
    }

    static void answer(ControlContext ctx, RoomState room, JsonNode args) {
        String text = Args.text(args, "text", 500, true).strip();
        if (text.isEmpty()) throw ControlRefused.bad("text must not be empty");
        if (!room.flag("round", "active")) throw ControlRefused.bad("no round is running");
        if (!Args.REPLICA.matcher(ctx.actor()).matches()) throw ControlRefused.bad("an answer is sent from a connection with a replica id");
        String round = room.get("round", "id").asText("");
        if (round.isEmpty()) throw ControlRefused.bad("this round takes no answers (started before answers existed)");
        String item = "answer-" + round + "-" + Seats.personOf(ctx.actor());
        if (!Args.ID.matcher(item).matches()) throw ControlRefused.bad("this replica id is too long to answer with");
        String name = ctx.connected().stream().filter(p -> p.replica().equals(ctx.actor())).map(ControlContext.Person::name)
                .findFirst().orElse(ctx.actor());
        room.put(item, "kind", N.textNode("roundAnswer"));
        room.put(item, "round", N.textNode(round));
        room.put(item, "name", N.textNode(name));
        room.put(item, "text", N.textNode(text));
        room.put(item, "at", N.numberNode(ctx.now()));
    }
}
