package be.samenbord.http;

import be.samenbord.Node;
import be.samenbord.Settings;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding "unbounded creation" (issue 12 item 6): anonymous POST /api/workshops in a loop made
 * 31,083 workshops and 673,756 boards in 57 s, text/plain bodies let any web page make its visitors
 * create workshops, and nothing bounded the boards or fiches of one workshop (rules LI-9, LI-10, RE-7).
 */
class WorkshopLimitsTest {

    static final String BODY = "{\"title\":\"Beperkt\",\"templates\":[\"windroos\"]}";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static void assertError(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.text());
        assertEquals(code, r.body().path("error").asText(), r.text());
        assertFalse(r.body().path("message").asText().isBlank(), r.text());
    }

    private static Node startNode(AtomicLong nanos, String... env) throws Exception {
        Map<String, String> e = new HashMap<>(Map.of("SAMENBORD_HTTP_HOST", "127.0.0.1", "SAMENBORD_HTTP_PORT", "0",
                "SAMENBORD_DATA_DIR", Files.createTempDirectory("samenbord-limits").toString(), "SAMENBORD_DEMO", "false"));
        for (int i = 0; i + 1 < env.length; i += 2) e.put(env[i], env[i + 1]);
        return Node.start(Settings.fromEnv(e), System::currentTimeMillis, nanos::get);
    }

    @Test
    @DisplayName("LI-9: workshop creation per client address is a token bucket: 429 rate_limited with Retry-After, then allowed again")
    void creationIsRateLimited() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        Node node = startNode(nanos, "SAMENBORD_CREATE_PER_MINUTE", "6", "SAMENBORD_CREATE_BURST", "3");
        try {
            Api api = new Api("http://127.0.0.1:" + node.port());
            for (int i = 0; i < 3; i++) assertEquals(201, api.post("/api/workshops", BODY).status(), "burst " + i);
            Api.Reply refused = api.post("/api/workshops", BODY);
            assertError(refused, 429, "rate_limited");
            assertEquals("10", refused.headers().firstValue("Retry-After").orElse(""), "6 a minute: one every 10 s");
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
            assertEquals(201, api.post("/api/workshops", BODY).status(), "one token back after 10 s");
            assertError(api.post("/api/workshops", BODY), 429, "rate_limited");
            nanos.addAndGet(TimeUnit.MINUTES.toNanos(5));
            for (int i = 0; i < 3; i++) assertEquals(201, api.post("/api/workshops", BODY).status(), "full burst again " + i);
            assertError(api.post("/api/workshops", BODY), 429, "rate_limited");
            // Reading is not limited.
            assertEquals(200, api.get("/api/templates", null).status());
        } finally {
            node.stop();
        }
    }

    private static HttpResponse<String> post(int port, String path, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("RE-7: every POST with a body must be application/json: text/plain, forms and no type get 415, nothing is made")
    void onlyJsonBodies() throws Exception {
        try (TestNode node = TestNode.start()) {
            int port = node.node.port();
            TestNode.Board board = node.board("three-b");
            String workshop = board.workshop().path("id").asText();
            int boards = node.api.get("/health", null).body().path("boards").asInt();
            for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", null}) {
                HttpResponse<String> r = post(port, "/api/workshops", type, BODY, null);
                assertEquals(415, r.statusCode(), type + ": " + r.body());
                assertEquals("unsupported_media_type", WsClient.JSON.readTree(r.body()).path("error").asText());
                assertEquals(415, post(port, "/api/workshops/" + workshop + "/fiches/convert", type,
                        "{\"board\":\"" + board.id() + "\",\"items\":[\"x\"]}", board.token("participant")).statusCode(), type);
                assertEquals(415, post(port, "/api/boards/" + board.id() + "/control", type, "{\"action\":\"lock\"}",
                        board.token("facilitator")).statusCode(), type);
            }
            assertEquals(boards, node.api.get("/health", null).body().path("boards").asInt(), "nothing was created");
            assertEquals(201, post(port, "/api/workshops", "application/json; charset=utf-8", BODY, null).statusCode());
            assertEquals(201, post(port, "/api/workshops", "Application/JSON", BODY, null).statusCode());
        }
    }

    @Test
    @DisplayName("LI-10: breakout copies stop at SAMENBORD_MAX_BOARDS_PER_WORKSHOP (409 limit_reached, control error too_large)")
    void boardsPerWorkshopAreCapped() {
        try (TestNode node = TestNode.start("SAMENBORD_MAX_BOARDS_PER_WORKSHOP", "23")) {
            // 20 chosen boards and the room: 21, two below the cap.
            JsonNode w = node.api.createWorkshop("Vol", Collections.nCopies(20, "windroos").toArray(String[]::new));
            String room = w.path("room").asText();
            String facilitator = w.path("tokens").path("facilitator").asText();
            ObjectNode three = breakout(3);
            Api.Reply refused = node.api.postWithBearer("/api/boards/" + room + "/control", three.toString(), facilitator);
            assertError(refused, 409, "limit_reached");
            assertEquals(21, node.api.get("/api/workshops/" + w.path("id").asText(), facilitator).body().path("boards").size(),
                    "nothing of the refused breakout was added");
            try (WsClient f = node.connect()) {
                f.join(facilitator, room, "facilitator1", "Fien");
                f.send(three.put("t", "control").put("request", "b3"));
                JsonNode error = f.next("error");
                assertEquals("too_large", error.path("code").asText(), error.toString());
                assertEquals("b3", error.path("request").asText());
                f.send(breakout(2).put("t", "control").put("request", "b2"));
                f.next("done");
            }
            assertEquals(23, node.api.get("/api/workshops/" + w.path("id").asText(), facilitator).body().path("boards").size());
        }
    }

    private static ObjectNode breakout(int groups) {
        ObjectNode start = WsClient.JSON.createObjectNode().put("action", "breakoutStart").put("mode", "copies").put("template", "windroos");
        var list = start.putArray("groups");
        for (int i = 0; i < groups; i++) list.addObject().put("name", "Groep " + i).putArray("members");
        return start;
    }

    @Test
    @DisplayName("LI-10: fiche conversion stops at SAMENBORD_MAX_FICHES_PER_WORKSHOP (409 limit_reached, nothing made)")
    void fichesPerWorkshopAreCapped() {
        try (TestNode node = TestNode.start("SAMENBORD_MAX_FICHES_PER_WORKSHOP", "2")) {
            JsonNode w = node.api.createWorkshop("3B", "three-b");
            String board = w.path("boards").get(0).path("id").asText();
            String participant = w.path("tokens").path("participant").asText();
            try (WsClient c = node.connect()) {
                c.join(participant, board, "replicaNOTE", "Noor");
                OpsBuilder ops = new OpsBuilder("replicaNOTE");
                for (int i = 1; i <= 3; i++) {
                    c.send(ops.note("b" + i, "goal" + i, "Doel " + i, "achieve-short"));
                    c.next("ack");
                }
            }
            String path = "/api/workshops/" + w.path("id").asText() + "/fiches/convert";
            assertError(node.api.postWithBearer(path, "{\"board\":\"" + board + "\",\"items\":[\"goal1\",\"goal2\",\"goal3\"]}",
                    participant), 409, "limit_reached");
            String list = "/api/workshops/" + w.path("id").asText() + "/fiches";
            assertEquals(0, node.api.get(list, participant).body().path("fiches").size(), "nothing of the refused conversion");
            assertEquals(200, node.api.postWithBearer(path, "{\"board\":\"" + board + "\",\"items\":[\"goal1\",\"goal2\"]}",
                    participant).status());
            assertError(node.api.postWithBearer(path, "{\"board\":\"" + board + "\",\"items\":[\"goal3\"]}", participant),
                    409, "limit_reached");
            // Converting what exists again makes nothing new, so it still works at the cap.
            assertEquals(200, node.api.postWithBearer(path, "{\"board\":\"" + board + "\",\"items\":[\"goal1\"]}", participant).status());
            assertEquals(2, node.api.get(list, participant).body().path("fiches").size());
        }
    }
}
