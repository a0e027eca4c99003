package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.template.Template;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Everything a facilitation action is planned from, read on the board's owner: the board's state,
 * the server clock and randomness (injected, so tests control them), who asks, who is connected.
 *
 * @param connected the sessions on this board now (for the room board: who is in the workshop)
 */
public record ControlContext(String boardId, Template template, Items items, long now, RandomGenerator random,
                             String actor, List<Person> connected, Workshop workshop,
                             Function<String, Optional<Template>> templates) {

    /** A session on the board. */
    public record Person(String replica, String name, Role role) {
    }

    /** One register the action writes; the owner stamps it. */
    public record Write(String item, String field, JsonNode value) {
    }

    /** The template id of the workshop's room board (FA-1). */
    public static final String ROOM_TEMPLATE = Workshop.ROOM_TEMPLATE;

    public boolean onRoom() {
        return ROOM_TEMPLATE.equals(template.id());
    }

    /** A board of this workshop that people work on (not the room, not a fiche). */
    public Optional<Workshop.BoardRef> workBoard(String id) {
        return workshop.boards().stream()
                .filter(b -> b.id().equals(id) && !ROOM_TEMPLATE.equals(b.template()) && templates.apply(b.template()).isPresent())
                .findFirst();
    }
}
