package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * Plans a facilitation action (rule FA-9): which registers of the board to write. Room actions act
 * on the room board, board actions on any other board. Pure apart from the context's clock and
 * randomness; the caller checks the role, stamps the writes and stores them as one batch.
 */
public final class ControlPlan {

    /** At most this many breakout groups (FA-9). */
    public static final int MAX_GROUPS = 20;

    private static final Set<String> BOARD_ACTIONS = Set.of("lock", "unlock", "privateStart", "reveal", "voteStart", "voteClose",
            "anonymousOn", "anonymousOff");

    private ControlPlan() {
    }

    /** The writes for {@code command} ({@code {"action":..., args...}}); none when nothing changes. */
    public static List<ControlContext.Write> plan(ControlContext ctx, JsonNode command) {
        if (command == null || !command.isObject() || !command.path("action").isTextual()) {
            throw ControlRefused.bad("a control request has a string field action");
        }
        String action = command.get("action").asText();
        boolean boardAction = BOARD_ACTIONS.contains(action);
        if (ctx.onRoom() && boardAction) throw ControlRefused.bad(action + " acts on a work board, not on the room");
        if (!ctx.onRoom() && !boardAction) {
            throw ControlRefused.bad("unknown board action '" + action + "' (room actions go on the room board)");
        }
        return ctx.onRoom() ? new RoomActions(ctx).plan(action, command) : BoardActions.plan(ctx, action, command);
    }

    /** Whether an action needs boards made first: {@code breakoutStart} in copies mode, unless it reuses the kept groups. */
    public static boolean needsBoards(JsonNode command) {
        return "breakoutStart".equals(command.path("action").asText()) && "copies".equals(command.path("mode").asText())
                && !command.path("reuse").asBoolean(false);
    }

    /**
     * Whether {@code role} may send {@code command} (FA-8, FA-16): a facilitator anything; a
     * participant only {@code roundAnswer} (for their own person); an observer nothing.
     */
    public static boolean allowed(Role role, JsonNode command) {
        return role == Role.FACILITATOR
                || role == Role.PARTICIPANT && command != null && "roundAnswer".equals(command.path("action").asText());
    }
}
