package be.samenbord.http;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REST contract (rules RE-*, AU-*) against a real node over HTTP. */
class HttpApiTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void assertError(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.text());
        assertEquals(code, r.body().path("error").asText(), r.text());
        assertFalse(r.body().path("message").asText().isBlank(), r.text());
    }

    @Test
    @DisplayName("RE-1: /health is UP once the node serves boards")
    void health() {
        Api.Reply r = node.api.get("/health", null);
        assertEquals(200, r.status());
        assertEquals("UP", r.body().path("status").asText());
    }

    @Test
    @DisplayName("CU-7: a single node lists no other nodes to fail over to, and has no cluster section in /health")
    void singleNodeHasNoOtherNodes() {
        Api.Reply r = node.api.get("/api/nodes", null);
        assertEquals(200, r.status());
        assertTrue(r.body().path("nodes").isArray());
        assertEquals(0, r.body().path("nodes").size());
        assertTrue(node.api.get("/health", null).body().path("cluster").isMissingNode());
    }

    @Test
    @DisplayName("RE-2, TP-1: /api/templates lists the templates in the library's order, with Dutch and English titles and zones")
    void templates() {
        JsonNode list = node.api.get("/api/templates", null).body();
        List<String> ids = new ArrayList<>();
        list.forEach(t -> {
            ids.add(t.path("id").asText());
            assertFalse(t.path("title").path("nl").asText().isBlank());
            assertFalse(t.path("title").path("en").asText().isBlank());
            assertTrue(t.path("zones").size() >= 1, t.path("id").asText());
        });
        assertEquals(List.of("health-matrix", "three-b", "circle-of-influence", "windroos", "priority-actions",
                "policy-reflection", "pros-cons-balance", "smart-goals", "check-in", "change-map", "integrative-criteria", "positive-health-web", "eigen-regie"), ids);
        assertEquals(20, node.api.get("/api/templates/health-matrix", null).body().path("zones").size());
        assertError(node.api.get("/api/templates/nope", null), 404, "unknown_template");
    }

    @Test
    @DisplayName("RE-3, AU-1: a workshop gets one unguessable token per role, links, and a board per template")
    void createWorkshop() throws IOException {
        JsonNode w = node.api.createWorkshop("Zorgraad Gent", "windroos", "priority-actions");
        assertEquals("Zorgraad Gent", w.path("title").asText());
        assertEquals(2, w.path("boards").size());
        assertTrue(w.path("room").isTextual(), "FA-1: the room board is named apart");
        assertEquals("priority-actions", w.path("boards").get(1).path("template").asText());
        List<String> tokens = new ArrayList<>();
        for (String role : List.of("facilitator", "participant", "observer")) {
            String token = w.path("tokens").path(role).asText();
            assertTrue(Base64.getUrlDecoder().decode(token).length * 8 >= 128, "token has fewer than 128 bits");
            tokens.add(token);
            String link = w.path("links").path(role).asText();
            assertTrue(link.startsWith("http://localhost:" + node.node.port() + "/join/" + w.path("id").asText()), link);
            // FA-10: the facilitator's link also carries the other two tokens.
            assertTrue(role.equals("facilitator") ? link.contains("#token=" + token + "&participant=") : link.endsWith(token), link);
        }
        assertEquals(3, tokens.stream().distinct().count());
        // Stored hashed: the data directory holds the SHA-256 of each token, never the token.
        String stored = allFiles(node.dataDir);
        for (String token : tokens) {
            assertFalse(stored.contains(token), "plain token found on disk");
            assertTrue(stored.contains(sha256(token)), "token hash not stored");
        }
        // The created board answers to its own tokens.
        String board = w.path("boards").get(0).path("id").asText();
        assertEquals(200, node.api.get("/api/boards/" + board, tokens.get(2)).status());
        JsonNode info = node.api.get("/api/workshops/" + w.path("id").asText(), tokens.get(1)).body();
        assertEquals("participant", info.path("role").asText());
    }

    @Test
    @DisplayName("RE-5: bad workshop bodies get 400/413 with error and message; nothing is created")
    void badWorkshopBodies() {
        assertError(node.api.post("/api/workshops", "{not json"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "[]"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "{\"templates\":[\"windroos\"]}"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "{\"title\":\"  \",\"templates\":[\"windroos\"]}"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "{\"title\":\"x\",\"templates\":\"windroos\"}"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "{\"title\":\"x\",\"templates\":[]}"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "{\"title\":\"x\",\"templates\":[\"kanban\"]}"), 400, "bad_request");
        assertError(node.api.post("/api/workshops", "{\"title\":\"" + "x".repeat(70_000) + "\",\"templates\":[\"windroos\"]}"),
                413, "too_large");
        assertEquals(200, node.api.get("/health", null).status());
    }

    @Test
    @DisplayName("RE-4, AU-3: a board needs a token of its own workshop: 401 without, 403 for another, 404 unknown")
    void boardAccess() {
        TestNode.Board mine = node.board("three-b");
        TestNode.Board other = node.board("three-b");
        assertError(node.api.get("/api/boards/" + mine.id(), null), 401, "unauthorized");
        assertError(node.api.get("/api/boards/" + mine.id(), "wrong-token"), 401, "unauthorized");
        Api.Reply foreign = node.api.get("/api/boards/" + mine.id(), other.token("facilitator"));
        assertError(foreign, 403, "forbidden");
        assertFalse(foreign.text().contains("items"), "no board data for another workshop");
        assertError(node.api.get("/api/boards/unknown-board", mine.token("facilitator")), 404, "unknown_board");
        assertError(node.api.get("/api/workshops/" + mine.workshop().path("id").asText(), other.token("observer")), 403, "forbidden");
        assertError(node.api.get("/api/nothing-here", null), 404, "not_found");
        JsonNode board = node.api.get("/api/boards/" + mine.id(), mine.token("observer")).body();
        assertEquals(0, board.path("seq").asLong());
        assertTrue(board.path("items").isObject());
    }

    @Test
    @DisplayName("OB-1: /metrics shows boards, connections, acknowledged ops and the ack-latency histogram")
    void metrics() {
        TestNode.Board board = node.board("windroos");
        try (var client = node.connect()) {
            client.join(board.token("participant"), board.id(), "replicaMETR", "Meter");
            client.send(new be.samenbord.testkit.OpsBuilder("replicaMETR").note("m-1", "m1", "gemeten", "south"));
            client.next("ack");
            Api.Reply r = node.api.get("/metrics", null);
            assertEquals(200, r.status());
            String text = r.text();
            assertTrue(text.contains("samenbord_boards{"), text);
            assertTrue(text.matches("(?s).*samenbord_connections\\{[^}]*} [1-9].*"), "one joined connection: " + text);
            assertTrue(text.matches("(?s).*samenbord_ops_acked_total\\{[^}]*} ([5-9]|[1-9][0-9]+)\\.0.*"), "the note's 5 ops: " + text);
            assertTrue(text.contains("samenbord_ack_latency_seconds_bucket{"), text);
            assertTrue(text.contains("samenbord_ops_per_second{"), text);
        }
    }

    @Test
    @DisplayName("FS-2, RE-6: / and join links serve the web page, with security headers on every answer")
    void webPage() {
        Api.Reply home = node.api.get("/", null);
        assertEquals(200, home.status());
        assertTrue(home.text().contains("Samenbord"), home.text());
        assertEquals(home.text(), node.api.get("/join/abc", null).text());
        assertTrue(home.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"), "RE-6: CSP");
        assertEquals("nosniff", home.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", node.api.get("/api/templates", null).headers().firstValue("Referrer-Policy").orElse(""));
    }

    @Test
    @DisplayName("RE-6: connect-src is this origin only, not any ws:/wss: host (finding: CSP allowed every host)")
    void cspConnectsToOwnOriginOnly() {
        String csp = node.api.get("/", null).headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("connect-src 'self';"), csp);
        assertFalse(csp.contains("ws:") || csp.contains("wss:"), csp);
    }

    @Test
    @DisplayName("RE-6, CU-7: in a cluster connect-src adds each node's http(s) and ws(s) origin, nothing else")
    void cspListsClusterOrigins() {
        String csp = HttpApi.contentSecurityPolicy(List.of("http://node1.example:8081", "https://bord.example/samenbord", "ftp://x", "::bad"));
        String connect = csp.substring(csp.indexOf("connect-src"), csp.indexOf(';', csp.indexOf("connect-src")));
        assertEquals("connect-src 'self' http://node1.example:8081 ws://node1.example:8081 https://bord.example wss://bord.example", connect);
    }

    @Test
    @DisplayName("RE-7: every /api answer (tokens, board data), /health and /metrics carry Cache-Control: no-store")
    void apiAnswersAreNotCached() {
        TestNode.Board board = node.board("three-b");
        for (Api.Reply r : List.of(node.api.get("/api/boards/" + board.id(), board.token("observer")),
                node.api.get("/api/workshops/" + board.workshop().path("id").asText(), board.token("observer")),
                node.api.get("/api/templates", null), node.api.get("/api/nothing-here", null),
                node.api.post("/api/workshops", "{\"title\":\"x\",\"templates\":[\"windroos\"]}"),
                node.api.get("/health", null), node.api.get("/metrics", null))) {
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), r.text());
        }
    }

    @Test
    @DisplayName("CF-3: with SAMENBORD_API_KEY set, creating a workshop needs the key")
    void apiKey() {
        try (TestNode locked = TestNode.start("SAMENBORD_API_KEY", "s3cret-key-for-test")) {
            String body = "{\"title\":\"x\",\"templates\":[\"windroos\"]}";
            assertError(locked.api.post("/api/workshops", body), 401, "unauthorized");
            assertEquals(201, locked.api.postWithBearer("/api/workshops", body, "s3cret-key-for-test").status());
        }
    }

    private static String allFiles(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
