package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule DU-7 per board (DU-2: a start reads no board): a board none of whose snapshot files reads is
 * refused when it is used, with "unavailable", never served empty or partly; every other board is
 * served as ever, and the node started.
 */
class UnreadableBoardTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("DU-7, DU-2: an unreadable board file: that board answers unavailable (REST 503, hello error), the others serve")
    void unreadableBoardRefusedOthersServe() throws Exception {
        JsonNode w;
        try (TestNode node = TestNode.start(dataDir)) {
            w = node.api.createWorkshop("Beschadigd", "windroos", "three-b");
            for (int b = 0; b < 2; b++) {
                try (WsClient c = node.connect()) {
                    c.join(w.path("tokens").path("participant").asText(), w.path("boards").get(b).path("id").asText(), "replicaDMG" + b, "D");
                    c.send(new OpsBuilder("replicaDMG" + b).note("n", "n1", "notitie", b == 0 ? "south" : "keep"));
                    c.next("ack");
                }
            }
            node.node.snapshot().get(10, TimeUnit.SECONDS);
        }
        String broken = w.path("boards").get(0).path("id").asText();
        String fine = w.path("boards").get(1).path("id").asText();
        String token = w.path("tokens").path("participant").asText();
        List<Path> files;
        try (Stream<Path> s = Files.list(dataDir.resolve("boards"))) {
            files = s.filter(p -> p.getFileName().toString().startsWith(broken + ".")).toList();
        }
        assertEquals(1, files.size(), files::toString);
        Files.writeString(files.getFirst(), "damaged");

        try (TestNode node = TestNode.start(dataDir)) {
            Api.Reply view = node.api.get("/api/boards/" + broken, token);
            assertEquals(503, view.status(), view.text());
            assertEquals("unavailable", view.body().path("error").asText());
            try (WsClient c = node.connect()) {
                c.send(WsClient.hello(token, broken, "replicaDMG9", "D"));
                assertEquals("unavailable", c.next("error").path("code").asText());
            }
            JsonNode other = node.api.get("/api/boards/" + fine, token).body();
            assertEquals(1, other.path("seq").asLong());
            assertTrue(other.path("items").has("n1"), other.toString());
            assertTrue(Files.exists(files.getFirst()), "a strict node changes nothing of a board it cannot read");
        }
    }
}
