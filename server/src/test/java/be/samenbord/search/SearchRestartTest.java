package be.samenbord.search;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SE-8: the index survives a restart (reopened, then only what is newer read), and a dropped index comes back whole. */
class SearchRestartTest {

    private static List<String> found(TestNode node, String workshop, String token, String q) {
        var r = node.api.get("/api/workshops/" + workshop + "/search?limit=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.body().path("hits").forEach(h -> out.add(h.path("item").asText()));
        return out;
    }

    @Test
    @DisplayName("SE-8: stop and start on the same data finds everything; after deleting the index directory too")
    void reopenAndRebuild() throws IOException {
        Path data = Files.createTempDirectory("samenbord-search-restart");
        JsonNode w;
        String board;
        String token;
        try (TestNode node = TestNode.start(data)) {
            w = node.api.createWorkshop("Herstart", "three-b");
            board = w.path("boards").get(0).path("id").asText();
            token = w.path("tokens").path("participant").asText();
            try (WsClient c = node.connect()) {
                c.join(token, board, "restarter", "Rik");
                OpsBuilder ops = new OpsBuilder("restarter");
                for (int i = 0; i < 30; i++) {
                    c.send(ops.note("r-" + i, "n" + i, "Herstelmoment nummer " + i + " na de drukke periode", "keep"));
                    c.next("ack");
                }
                c.send(OpsBuilder.batch("r-del", ops.op("n7", "deleted", true)));
                c.next("ack");
            }
            String id = w.path("id").asText();
            Poll.until("29 indexed", Duration.ofSeconds(2), () -> found(node, id, token, "herstelmoment").size() == 29);
        }
        assertTrue(Files.isDirectory(data.resolve("search")), "the embedded store's node keeps its index in <data>/search");
        String workshop = w.path("id").asText();
        try (TestNode node = TestNode.start(data)) {
            List<String> items = found(node, workshop, token, "herstelmoment");
            assertEquals(29, items.size(), "reopened: found at once after the start, without waiting");
            assertTrue(!items.contains("n7"), "the deleted note stays gone");
            try (WsClient c = node.connect()) {
                c.join(token, board, "restarter", "Rik");
                c.send(new OpsBuilder("restarter").note("r-new", "fresh", "Herstelmoment na de herstart", "keep"));
                c.next("ack");
            }
            Poll.until("the new note", Duration.ofSeconds(1), () -> found(node, workshop, token, "herstart").contains("fresh"));
        }
        deleteTree(data.resolve("search"));
        try (TestNode node = TestNode.start(data)) {
            List<String> items = found(node, workshop, token, "herstelmoment");
            assertEquals(30, items.size(), "the index dropped while stopped comes back whole from the store");
            assertTrue(items.contains("fresh") && !items.contains("n7"));
            assertTrue(found(node, workshop, token, "behouden").contains("_zone:keep"), "template texts too");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
