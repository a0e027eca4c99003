package be.samenbord;

import be.samenbord.store.JournalStore;
import be.samenbord.testkit.TestNode;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FA-1: a workshop stored before rooms existed gets its room board at the next start, once. */
class RoomMigrationTest {

    @Test
    @DisplayName("FA-1: an older workshop without a room gets one at start; a second start adds no other")
    void olderWorkshopGetsItsRoom() throws Exception {
        Path dir = Files.createTempDirectory("samenbord-rooms");
        String token = "an-old-facilitator-token-of-enough-length";
        Map<Role, String> hashes = new EnumMap<>(Role.class);
        for (Role r : Role.values()) hashes.put(r, Tokens.hash(r == Role.FACILITATOR ? token : token + r));
        Workshop old = new Workshop("oldworkshop1", "Van voor de ruimtes", 1, hashes, List.of(new Workshop.BoardRef("oldboard0001", "windroos")));
        try (JournalStore store = new JournalStore(dir)) {
            store.recover();
            store.saveWorkshop(old).get(10, TimeUnit.SECONDS);
        }
        String room;
        try (TestNode node = TestNode.start(dir)) {
            JsonNode w = node.api.get("/api/workshops/oldworkshop1", token).body();
            room = w.path("room").asText("");
            assertTrue(!room.isEmpty(), "the workshop has a room now: " + w);
            assertEquals(2, w.path("boards").size());
            assertEquals(200, node.api.postWithBearer("/api/boards/" + room + "/control", "{\"action\":\"timerStart\",\"seconds\":60}", token).status());
        }
        try (TestNode node = TestNode.start(dir)) {
            JsonNode w = node.api.get("/api/workshops/oldworkshop1", token).body();
            assertEquals(room, w.path("room").asText(), "the same room after a restart");
            assertEquals(2, w.path("boards").size(), "no second room");
        }
    }
}
