package be.samenbord.facilitation;

import be.samenbord.board.template.Template;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The hidden template of a workshop's room board (rule FA-1): no zones, only the node's control items. */
public final class Rooms {

    private Rooms() {
    }

    public static Template template(ObjectMapper json) {
        ObjectNode doc = json.createObjectNode().put("id", ControlContext.ROOM_TEMPLATE);
        doc.putObject("title").put("nl", "Workshopruimte").put("en", "Workshop room");
        doc.putArray("zones");
        doc.putArray("itemKinds").add("control").add("roundRecord").add("roundAnswer").add("instructionRecord");
        return new Template(ControlContext.ROOM_TEMPLATE, "Workshopruimte", "Workshop room", List.of(), Set.of("control", "roundRecord", "roundAnswer", "instructionRecord"), Map.of(), doc);
    }
}
