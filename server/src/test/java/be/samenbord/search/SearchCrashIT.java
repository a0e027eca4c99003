package be.samenbord.search;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SE-8 with a real crash: a node SIGKILLed while a client streams notes (the index commits only
 * every few seconds, so its files lag the journal) starts again and finds every acknowledged note.
 */
class SearchCrashIT {

    @Test
    @DisplayName("SE-8: after SIGKILL every acknowledged note is found again, none that was not")
    void killedNodeFindsEveryAcknowledgedNote() throws Exception {
        Path data = Files.createTempDirectory("samenbord-search-crash");
        Set<String> acked = new HashSet<>();
        String workshop;
        String token;
        try (NodeProcess node = NodeProcess.start(data, Map.of())) {
            Api api = new Api(node.base());
            JsonNode w = api.createWorkshop("Crash", "three-b");
            workshop = w.path("id").asText();
            token = w.path("tokens").path("participant").asText();
            String board = w.path("boards").get(0).path("id").asText();
            try (WsClient c = WsClient.connect(node.base())) {
                c.join(token, board, "crasher01", "Cas");
                OpsBuilder ops = new OpsBuilder("crasher01");
                for (int i = 0; i < 200; i++) {
                    c.send(ops.note("c-" + i, "n" + i, "Veerkracht in het team, notitie " + i, "keep"));
                    JsonNode ack = c.next("ack");
                    acked.add("n" + ack.path("batch").asText().substring(2));
                }
                node.kill();
            }
        }
        try (NodeProcess node = NodeProcess.start(data, Map.of())) {
            Api api = new Api(node.base());
            Api.Reply r = api.get("/api/workshops/" + workshop + "/search?limit=100&q=veerkracht", token);
            assertEquals(200, r.status(), r.text());
            assertEquals(acked.size(), r.body().path("total").asLong(), "every acknowledged note, once: " + node.log());
            Set<String> seen = new HashSet<>();
            for (int page = 0; page < 200; page += 100) {
                // Narrow by the number word so each one is checked, not only the total.
                for (int i = page; i < page + 100; i++) {
                    Api.Reply one = api.get("/api/workshops/" + workshop + "/search?limit=5&q=notitie%20" + i + "%20", token);
                    one.body().path("hits").forEach(h -> seen.add(h.path("item").asText()));
                }
            }
            assertEquals(acked, seen);
        }
    }
}
