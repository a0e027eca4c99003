package be.samenbord.sync;

import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.facilitation.ControlPlan;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import be.samenbord.workshop.WorkshopService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point of facilitation requests from a WebSocket or REST (rules FA-8, FA-9): checks the
 * role where the request arrives, makes the groups' boards a copies breakout needs, then runs the
 * action on the board's owner. A refusal fails with {@link ControlRefused}, and nothing changes.
 */
public final class Facilitation {

    private final BoardRegistry registry;
    private final WorkshopService workshops;
    private final TemplateCatalog templates;
    private final Tokens ids;

    public Facilitation(BoardRegistry registry, WorkshopService workshops, TemplateCatalog templates, Tokens ids) {
        this.registry = registry;
        this.workshops = workshops;
        this.templates = templates;
        this.ids = ids;
    }

    public CompletableFuture<Long> control(WorkshopDirectory.Access access, String boardId, String actor, JsonNode command) {
        if (!ControlPlan.allowed(access.role(), command)) {
            return CompletableFuture.failedFuture(new ControlRefused(ControlRefused.FORBIDDEN, "only a facilitator can do that"));
        }
        if (command == null || !command.isObject()) {
            return CompletableFuture.failedFuture(new ControlRefused(ControlRefused.BAD_MESSAGE, "a control request is a JSON object"));
        }
        if (!ControlPlan.needsBoards(command)) return registry.control(boardId, actor, access.role(), command);
        try {
            return withGroupBoards(access.workshop(), (ObjectNode) command.deepCopy())
                    .thenCompose(c -> registry.control(boardId, actor, access.role(), c));
        } catch (ControlRefused e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Copies mode: one new board per group, from the chosen template, durable before the room names them. */
    private CompletableFuture<JsonNode> withGroupBoards(Workshop workshop, ObjectNode command) {
        String template = command.path("template").asText("");
        if (template.isEmpty() || templates.all().stream().noneMatch(t -> t.id().equals(template))) {
            throw new ControlRefused(ControlRefused.BAD_MESSAGE, "template must be one of the offered templates");
        }
        JsonNode groups = command.path("groups");
        // Checked here as well as in the plan: boards are made before the plan runs.
        if (!groups.isArray() || groups.isEmpty() || groups.size() > ControlPlan.MAX_GROUPS) {
            throw new ControlRefused(ControlRefused.BAD_MESSAGE, "groups must be a list of 1 to " + ControlPlan.MAX_GROUPS + " groups");
        }
        List<Workshop.BoardRef> refs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) refs.add(new Workshop.BoardRef(ids.newId(), template));
        return workshops.addBoards(workshop.id(), refs).thenApply(w -> {
            ArrayNode boards = command.putArray("boards");
            refs.forEach(r -> boards.add(r.id()));
            return command;
        });
    }
}
