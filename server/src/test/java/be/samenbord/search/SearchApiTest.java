package be.samenbord.search;

import be.samenbord.http.SearchRoutes;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Seat;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search over a real node: REST answers, live batches over real WebSockets, privacy per viewer. */
class SearchApiTest {

    static TestNode node;
    static final Random RANDOM = new Random(19);

    @BeforeAll
    static void start() {
        node = TestNode.start();
        // The first search of a JVM loads and compiles Lucene's classes (about half a second here):
        // the timed tests measure the steady state.
        TestNode.Board warm = node.board("windroos");
        long t0 = System.nanoTime();
        search(warm, "participant", "warm");
        System.out.println("first search of the JVM: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** {@code query}: the words, then any further parameters after an '&' (e.g. "ritme&zone=drop"). */
    static Api.Reply search(String workshop, String token, String query, Map<String, String> headers) {
        int amp = query.indexOf('&');
        String words = amp < 0 ? query : query.substring(0, amp);
        String rest = amp < 0 ? "" : query.substring(amp);
        return node.api.get("/api/workshops/" + workshop + "/search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8) + rest, token, headers);
    }

    static Api.Reply search(TestNode.Board b, String role, String query) {
        return search(b.workshop().path("id").asText(), b.token(role), query, Map.of());
    }

    static List<String> items(Api.Reply r) {
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.body().path("hits").forEach(h -> out.add(h.path("item").asText()));
        return out;
    }

    static Map<String, String> seat(Seat s, String tab) {
        return Map.of(SearchRoutes.SEAT_HEADER, s.secret(), SearchRoutes.REPLICA_HEADER, s.replica(tab));
    }

    @Test
    @DisplayName("SE-1, SE-5: a note sent over a real WebSocket is found within 1 s of its ack, in the answer's exact shape")
    void liveNoteFoundWithinOneSecond() {
        TestNode.Board b = node.board("three-b");
        String workshop = b.workshop().path("id").asText();
        try (WsClient c = node.connect()) {
            c.join(b.token("participant"), b.id(), "liveWriter1", "Lies");
            OpsBuilder ops = new OpsBuilder("liveWriter1");
            c.send(ops.note("live-1", "n1", "Onze <b>werkdruk</b> & planning na de reorganisatie", "keep"));
            c.next("ack");
            long acked = System.nanoTime();
            Poll.until("the note is searchable", Duration.ofSeconds(1), () -> items(search(b, "participant", "werkdruk")).contains("n1"));
            long ms = (System.nanoTime() - acked) / 1_000_000;
            System.out.println("SE-5: note searchable " + ms + " ms after its ack");
        }
        Api.Reply r = search(b, "observer", "werkdruk");
        JsonNode body = r.body();
        assertEquals(1, body.path("total").asLong());
        JsonNode hit = body.path("hits").get(0);
        assertEquals(List.of("board", "item", "field", "snippet", "score"), names(hit));
        assertEquals(List.of("total", "hits"), names(body));
        assertEquals(b.id(), hit.path("board").asText());
        assertEquals("text", hit.path("field").asText());
        assertEquals("Onze &lt;b&gt;<mark>werkdruk</mark>&lt;&#x2F;b&gt; &amp; planning na de reorganisatie", hit.path("snippet").asText());
        assertTrue(hit.path("score").asDouble() > 0);
        assertEquals(workshop, b.workshop().path("id").asText());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    @DisplayName("SE-2, SE-5, TX-6: a note typed as merged text (caps text, two runs of text ops) is found by its merged words within 1 s, its snippet the plain text")
    void mergedTextNoteFound() throws Exception {
        TestNode.Board b = node.board("three-b");
        try (WsClient c = node.connect()) {
            c.send(WsClient.hello(b.token("participant"), b.id(), "textWriter1", "Tess").set("caps", WsClient.JSON.createArrayNode().add("text")));
            c.next("welcome");
            OpsBuilder ops = new OpsBuilder("textWriter1");
            c.send(OpsBuilder.batch("t-1", ops.op("typed", "kind", "note"), ops.op("typed", "zone", "keep"),
                    ops.op("typed", "text", WsClient.JSON.readTree("{\"ins\":\"Thuiswerken \",\"id\":[\"textWriter1\",0],\"p\":null,\"side\":\"r\"}"))));
            c.next("ack");
            c.send(OpsBuilder.batch("t-2", ops.op("typed", "text",
                    WsClient.JSON.readTree("{\"ins\":\"op woensdag\",\"id\":[\"textWriter1\",12],\"p\":[\"textWriter1\",11],\"side\":\"r\"}"))));
            c.next("ack");
            long acked = System.nanoTime();
            Poll.until("the merged text is searchable", Duration.ofSeconds(1), () -> items(search(b, "participant", "thuiswerken woensdag")).contains("typed"));
            System.out.println("SE-5/TX-6: merged text searchable " + (System.nanoTime() - acked) / 1_000_000 + " ms after its ack");
        }
        JsonNode hit = search(b, "observer", "woensdag").body().path("hits").get(0);
        assertEquals("typed", hit.path("item").asText());
        assertEquals("Thuiswerken op <mark>woensdag</mark>", hit.path("snippet").asText());
    }

    @Test
    @DisplayName("SE-2, FA-16: an answer given in a round over the room's WebSocket is found within 1 s by everyone (the room shows it to all), its name not searchable")
    void roundAnswerFoundWithinOneSecond() {
        TestNode.Board b = node.board("three-b");
        String room = b.workshop().path("room").asText();
        String workshop = b.workshop().path("id").asText();
        try (WsClient f = node.connect(); WsClient a = node.connect()) {
            f.join(b.token("facilitator"), room, "roundLead1", "Fien");
            a.join(b.token("participant"), room, "roundAnswerer1", "Maarten");
            f.send(WsClient.control("r1", "roundStart").put("kind", "check-in").put("prompt", "Waarmee kom je binnen?"));
            a.opsAt(f.next("done").path("seq").asLong());
            a.send(WsClient.control("a1", "roundAnswer").put("text", "Nog vol van de <verhuizing> naar het nieuwe kantoor"));
            a.next("done");
            long done = System.nanoTime();
            Poll.until("the round answer is searchable", Duration.ofSeconds(1),
                    () -> items(search(workshop, b.token("observer"), "verhuizing", Map.of())).contains("answer-r1-roundAnswerer1"));
            System.out.println("SE-2/FA-16: round answer searchable " + (System.nanoTime() - done) / 1_000_000 + " ms after its done");
        }
        JsonNode hit = search(workshop, b.token("participant"), "verhuizing", Map.of()).body().path("hits").get(0);
        assertEquals(room, hit.path("board").asText());
        assertEquals("answer-r1-roundAnswerer1", hit.path("item").asText());
        assertEquals("text", hit.path("field").asText());
        assertEquals("Nog vol van de &lt;<mark>verhuizing</mark>&gt; naar het nieuwe kantoor", hit.path("snippet").asText());
        assertEquals(List.of(), items(search(workshop, b.token("participant"), "maarten", Map.of())), "the answer's name is no searchable text");
    }

    @Test
    @DisplayName("SE-5: a deleted note leaves results at once; an edit drops the old words and finds the new")
    void deleteAndEdit() {
        TestNode.Board b = node.board("three-b");
        try (WsClient c = node.connect()) {
            c.join(b.token("participant"), b.id(), "deleter01", "Dirk");
            OpsBuilder ops = new OpsBuilder("deleter01");
            c.send(ops.note("d-1", "gone", "De koffieautomaat op de tweede verdieping", "keep"));
            c.send(ops.note("d-2", "edit", "Een wandeling tijdens de middag", "keep"));
            c.next("ack");
            c.next("ack");
            Poll.until("both found", Duration.ofSeconds(2), () -> items(search(b, "participant", "koffieautomaat")).contains("gone")
                    && items(search(b, "participant", "wandeling")).contains("edit"));
            c.send(OpsBuilder.batch("d-3", ops.op("gone", "deleted", true)));
            c.send(OpsBuilder.batch("d-4", ops.op("edit", "text", "Een fietstocht tijdens de middag")));
            c.next("ack");
            c.next("ack");
            long acked = System.nanoTime();
            Poll.until("the deleted note is gone", Duration.ofSeconds(1), () -> items(search(b, "participant", "koffieautomaat")).isEmpty());
            System.out.println("SE-5: deleted note gone " + (System.nanoTime() - acked) / 1_000_000 + " ms after its ack");
            Poll.until("the edit is found", Duration.ofSeconds(1), () -> items(search(b, "participant", "fietstocht")).contains("edit"));
            assertEquals(List.of(), items(search(b, "participant", "wandeling ")));
            assertEquals(0, search(b, "participant", "koffieautomaat").body().path("total").asLong());
        }
    }

    @Test
    @DisplayName("SE-6, FA-6: B's private note is absent from A's results and snippets, found by B (seat), by nobody without a seat; revealed, by all")
    void privateNotesOfOthers() {
        TestNode.Board b = node.board("three-b");
        String workshop = b.workshop().path("id").asText();
        String participant = b.token("participant");
        Seat anna = Seat.random(RANDOM);
        Seat bram = Seat.random(RANDOM);
        assertEquals(200, node.api.postWithBearer("/api/boards/" + b.id() + "/control", "{\"action\":\"privateStart\"}", b.token("facilitator")).status());
        try (WsClient a = node.connect(); WsClient c = node.connect()) {
            anna.join(a, participant, b.id(), "tabA", "Anna");
            bram.join(c, participant, b.id(), "tabB", "Bram");
            OpsBuilder ao = new OpsBuilder(anna.replica("tabA"));
            OpsBuilder bo = new OpsBuilder(bram.replica("tabB"));
            a.send(ao.note("a-1", "annas", "Ik wil meer overleg over de planning", "keep"));
            c.send(bo.note("b-1", "brams", "Geheim: de planning maakt mij moedeloos", "keep"));
            a.next("ack");
            c.next("ack");
            // During private writing both notes are private: each finds only their own.
            Poll.until("both indexed", Duration.ofSeconds(2), () -> items(search(workshop, participant, "planning", seat(bram, "tabB"))).equals(List.of("brams"))
                    && items(search(workshop, participant, "planning", seat(anna, "tabA"))).equals(List.of("annas")));
            Api.Reply forAnna = search(workshop, participant, "planning", seat(anna, "tabA"));
            assertEquals(List.of("annas"), items(forAnna));
            assertEquals(1, forAnna.body().path("total").asLong());
            assertFalse(forAnna.text().contains("moedeloos"), "nothing of B's note in A's snippets: " + forAnna.text());
            assertEquals(List.of(), items(search(workshop, participant, "moedeloos", seat(anna, "tabA"))));
            assertEquals(List.of(), items(search(workshop, participant, "geheim", Map.of())), "no seat: only what nobody hides");
            assertEquals(List.of(), items(search(workshop, participant, "geheim",
                    Map.of(SearchRoutes.REPLICA_HEADER, bram.replica("tabB")))), "B's replica without B's seat proves nothing (ID-2)");
            assertEquals(List.of("brams"), items(search(workshop, participant, "moedeloos", seat(bram, "tabB"))));
            assertEquals(List.of("brams"), items(search(workshop, participant, "moedeloos", Map.of(SearchRoutes.SEAT_HEADER, bram.secret()))),
                    "B's seat in another tab of B finds it too (ID-3)");
            Api.Reply forged = search(workshop, participant, "moedeloos", Map.of(SearchRoutes.SEAT_HEADER, anna.secret(),
                    SearchRoutes.REPLICA_HEADER, bram.replica("tabB")));
            assertEquals(403, forged.status(), "A's seat with B's replica is refused: " + forged.text());
        }
        assertEquals(200, node.api.postWithBearer("/api/boards/" + b.id() + "/control", "{\"action\":\"reveal\"}", b.token("facilitator")).status());
        Poll.until("revealed: everyone finds it", Duration.ofSeconds(1), () -> items(search(b, "observer", "moedeloos")).equals(List.of("brams")));
        assertEquals(2, items(search(b, "observer", "planning")).size());
    }

    @Test
    @DisplayName("SE-7: has-votes during an open vote counts only one's own dots; once closed, everyone's")
    void openVotes() {
        TestNode.Board b = node.board("three-b");
        String workshop = b.workshop().path("id").asText();
        String participant = b.token("participant");
        Seat anna = Seat.random(RANDOM);
        Seat bram = Seat.random(RANDOM);
        try (WsClient a = node.connect()) {
            anna.join(a, participant, b.id(), "tabA", "Anna");
            OpsBuilder ao = new OpsBuilder(anna.replica("tabA"));
            a.send(ao.note("v-1", "dotted", "Vaste momenten voor teamoverleg", "keep"));
            a.send(ao.note("v-2", "plain", "Meer teamoverleg op maandag", "keep"));
            a.next("ack");
            a.next("ack");
            assertEquals(200, node.api.postWithBearer("/api/boards/" + b.id() + "/control", "{\"action\":\"voteStart\",\"dots\":3}",
                    b.token("facilitator")).status());
            a.send(OpsBuilder.batch("v-3", ao.op("dotted", "vote:" + anna.replica("tabA"), 2)));
            a.next("ack");
        }
        String voted = "teamoverleg&has-votes=true";
        Poll.until("A finds her dotted note", Duration.ofSeconds(2),
                () -> items(search(workshop, participant, voted, seat(anna, "tabA"))).equals(List.of("dotted")));
        assertEquals(List.of(), items(search(workshop, participant, voted, seat(bram, "tabB"))), "B sees no dots of A while the vote is open");
        assertEquals(List.of(), items(search(workshop, participant, voted, Map.of())));
        assertEquals(2, items(search(workshop, participant, "teamoverleg", seat(bram, "tabB"))).size());
        assertEquals(200, node.api.postWithBearer("/api/boards/" + b.id() + "/control", "{\"action\":\"voteClose\"}", b.token("facilitator")).status());
        Poll.until("closed: B finds the dotted note", Duration.ofSeconds(1),
                () -> items(search(workshop, participant, voted, seat(bram, "tabB"))).equals(List.of("dotted")));
    }

    @Test
    @DisplayName("SE-4: filters board, zone, colour and author narrow the results")
    void filters() {
        JsonNode w = node.api.createWorkshop("Filters", "three-b", "windroos");
        String workshop = w.path("id").asText();
        String token = w.path("tokens").path("participant").asText();
        String threeB = w.path("boards").get(0).path("id").asText();
        String windroos = w.path("boards").get(1).path("id").asText();
        try (WsClient c = node.connect(); WsClient d = node.connect()) {
            c.join(token, threeB, "filterer1", "Fien");
            d.join(token, windroos, "filterer1", "Fien");
            OpsBuilder ops = new OpsBuilder("filterer1");
            c.send(OpsBuilder.batch("f-1", ops.op("k1", "kind", "note"), ops.op("k1", "text", "Ritme in de week bewaken"),
                    ops.op("k1", "zone", "keep"), ops.op("k1", "color", "#FFD54F"), ops.op("k1", "author", "Fien")));
            c.send(OpsBuilder.batch("f-2", ops.op("k2", "kind", "note"), ops.op("k2", "text", "Ritme van vergaderen afbouwen"),
                    ops.op("k2", "zone", "drop"), ops.op("k2", "color", "pink"), ops.op("k2", "author", "Gust")));
            d.send(OpsBuilder.batch("f-3", ops.op("s1", "kind", "note"), ops.op("s1", "text", "Een nieuw ritme gevonden"),
                    ops.op("s1", "zone", "east"), ops.op("s1", "color", "pink"), ops.op("s1", "author", "Fien")));
            c.next("ack");
            c.next("ack");
            d.next("ack");
        }
        Poll.until("three found", Duration.ofSeconds(2), () -> items(search(workshop, token, "ritme", Map.of())).size() == 3);
        assertEquals(List.of("s1"), items(search(workshop, token, "ritme&board=" + windroos, Map.of())));
        assertEquals(List.of("k2"), items(search(workshop, token, "ritme&zone=drop", Map.of())));
        assertEquals(List.of("k1"), items(search(workshop, token, "ritme&color=%23ffd54f", Map.of())));
        assertEquals(2, items(search(workshop, token, "ritme&color=PINK", Map.of())).size());
        assertEquals(2, items(search(workshop, token, "ritme&author=fien", Map.of())).size());
        assertEquals(List.of("s1"), items(search(workshop, token, "ritme&author=Fien&board=" + windroos, Map.of())));
        assertEquals(400, search(workshop, token, "ritme&board=nosuchboard", Map.of()).status());
    }

    @Test
    @DisplayName("SE-2: template texts are found on the boards made from them (a windroos prompt, a zone label)")
    void templateTexts() {
        TestNode.Board b = node.board("windroos");
        Poll.until("template texts indexed", Duration.ofSeconds(2), () -> !items(search(b, "participant", "trots")).isEmpty());
        Api.Reply r = search(b, "participant", "trots");
        JsonNode hit = r.body().path("hits").get(0);
        assertEquals(b.id(), hit.path("board").asText());
        assertEquals("_zone:south", hit.path("item").asText());
        assertEquals("prompt", hit.path("field").asText());
        assertTrue(hit.path("snippet").asText().contains("<mark>trots</mark>"), hit.toString());
        assertEquals("_zone:south", items(search(b, "participant", "proud")).get(0), "the English text too");
        assertTrue(items(search(b, "participant", "zuiden&zone=south")).contains("_zone:south"));
    }

    @Test
    @DisplayName("SE-9, AU-3: no token 401, another workshop's token 403, bad parameters 400")
    void refusals() {
        TestNode.Board b = node.board("three-b");
        TestNode.Board other = node.board("three-b");
        String workshop = b.workshop().path("id").asText();
        assertEquals(401, search(workshop, null, "werk", Map.of()).status());
        assertEquals(401, search(workshop, "not-a-token", "werk", Map.of()).status());
        Api.Reply foreign = search(workshop, other.token("participant"), "werk", Map.of());
        assertEquals(403, foreign.status());
        assertEquals("forbidden", foreign.body().path("error").asText());
        assertEquals(400, node.api.get("/api/workshops/" + workshop + "/search", b.token("participant")).status(), "q is required");
        assertEquals(400, search(workshop, b.token("participant"), "   ", Map.of()).status());
        assertEquals(400, search(workshop, b.token("participant"), "x".repeat(201), Map.of()).status());
        assertEquals(400, search(workshop, b.token("participant"), "werk&limit=0", Map.of()).status());
        assertEquals(400, search(workshop, b.token("participant"), "werk&limit=101", Map.of()).status());
        assertEquals(400, search(workshop, b.token("participant"), "werk&has-votes=ja", Map.of()).status());
        assertEquals(400, search(workshop, b.token("participant"), "werk", Map.of(SearchRoutes.SEAT_HEADER, "short")).status());
        assertEquals(200, search(workshop, b.token("participant"), "werk&limit=100", Map.of()).status());
    }
}
