package be.samenbord.indicators;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of issue 17 over real HTTP (PROTOCOL.md IND-1..IND-8, IND-13): routes, bodies, status codes, 403s. */
class IndicatorApiTest {

    static TestNode node;
    static PeopleClient people;
    static JsonNode workshop;
    static JsonNode other;

    @BeforeAll
    static void start() {
        node = TestNode.start("SAMENBORD_INDICATOR_MAX_IMPORT_BYTES", "200000");
        people = new PeopleClient(node.base);
        workshop = node.api.createWorkshop("Nachtdienst", "three-b");
        other = node.api.createWorkshop("Andere ploeg", "three-b");
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    static String token(JsonNode w, String role) {
        return w.path("tokens").path(role).asText();
    }

    static String wid(JsonNode w) {
        return w.path("id").asText();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static byte[] oneNight(int sleep, int steps) {
        Map<LocalDate, Integer> s = new LinkedHashMap<>();
        s.put(today(), sleep);
        Map<LocalDate, Integer> st = new LinkedHashMap<>();
        st.put(today(), steps);
        return Exports.takeoutPerson(s, st, Map.of(today(), 61.0));
    }

    @Test
    @DisplayName("IND-1: a participant or facilitator token makes a person (201 person, key, link); observers and strangers cannot")
    void createPeople() {
        Api.Reply r = people.call("POST", "/api/workshops/" + wid(workshop) + "/people", token(workshop, "participant"), null, null);
        assertEquals(201, r.status(), r.text());
        String pid = r.body().path("person").asText();
        String key = r.body().path("key").asText();
        assertTrue(key.length() >= 32, "at least 192 random bits");
        assertEquals(node.node.publicUrl() + "/me/" + pid + "#key=" + key, r.body().path("link").asText());
        assertEquals(201, people.call("POST", "/api/workshops/" + wid(workshop) + "/people", token(workshop, "facilitator"), null, null).status());
        assertEquals(403, people.call("POST", "/api/workshops/" + wid(workshop) + "/people", token(workshop, "observer"), null, null).status());
        assertEquals(403, people.call("POST", "/api/workshops/" + wid(workshop) + "/people", token(other, "participant"), null, null).status());
        assertEquals(401, people.call("POST", "/api/workshops/" + wid(workshop) + "/people", null, null, null).status());
    }

    @Test
    @DisplayName("IND-2, IND-4: consent with the key (200, stored consent); another person's key, a workshop token, no key: 403/403/401")
    void consent() {
        JsonNode a = people.createPerson(wid(workshop), token(workshop, "participant"));
        JsonNode b = people.createPerson(wid(workshop), token(workshop, "participant"));
        String pa = a.path("person").asText();
        Api.Reply ok = people.consent(pa, a.path("key").asText(), true, false, true, true);
        assertEquals(200, ok.status(), ok.text());
        assertEquals("{\"sleep\":true,\"activity\":false,\"heart\":true,\"team\":true}", ok.body().toString());
        assertEquals(403, people.consent(pa, b.path("key").asText(), true, true, true, true).status());
        assertEquals(403, people.consent(pa, token(workshop, "facilitator"), true, true, true, true).status());
        assertEquals(401, people.consent(pa, null, true, true, true, true).status());
        assertEquals(400, people.call("PUT", "/api/people/" + pa + "/consent", a.path("key").asText(), "application/json",
                "{\"sleep\":\"yes\"}".getBytes()).status());
        assertEquals(true, people.get("/api/people/" + pa, a.path("key").asText()).body().path("consent").path("heart").asBoolean());
    }

    @Test
    @DisplayName("IND-4: without consent nothing is imported (403); an import is 202, then done with its days; days only with the own key")
    void importAndDays() {
        JsonNode a = people.createPerson(wid(workshop), token(workshop, "participant"));
        String pa = a.path("person").asText();
        String ka = a.path("key").asText();
        Api.Reply refused = people.upload(pa, ka, "tz=Europe/Brussels", "application/zip", oneNight(437, 8000));
        assertEquals(403, refused.status(), refused.text());
        assertEquals("consent_required", refused.body().path("error").asText());
        people.consent(pa, ka, true, true, false, true);
        JsonNode status = people.importAndWait(pa, ka, "tz=Europe/Brussels", "application/zip", oneNight(437, 8000));
        assertEquals("done", status.path("state").asText(), status.toString());
        assertEquals(1.0, status.path("progress").asDouble());
        assertEquals(1, status.path("days").asInt());
        assertTrue(status.path("warnings").toString().contains("no_consent_heart"), status.toString());

        Api.Reply days = people.get("/api/people/" + pa + "/days?from=" + today().minusDays(7) + "&to=" + today(), ka);
        assertEquals(200, days.status(), days.text());
        assertEquals("{\"days\":[{\"date\":\"" + today() + "\",\"sleepMinutes\":437,\"steps\":8000}]}", days.body().toString());

        JsonNode b = people.createPerson(wid(workshop), token(workshop, "participant"));
        assertEquals(403, people.get("/api/people/" + pa + "/days", b.path("key").asText()).status(), "another person's key");
        assertEquals(403, people.get("/api/people/" + pa + "/days", token(workshop, "facilitator")).status(), "a facilitator never reads /days");
        assertEquals(401, people.get("/api/people/" + pa + "/days", null).status());
        assertEquals(403, people.get("/api/people/" + pa + "/imports/" + status.path("import").asText(), b.path("key").asText()).status());
    }

    @Test
    @DisplayName("IND-7: a failing import stores nothing; its status names the file and the error")
    void nothingHalfApplied() {
        JsonNode a = people.createPerson(wid(workshop), token(workshop, "participant"));
        String pa = a.path("person").asText();
        String ka = a.path("key").asText();
        people.consent(pa, ka, true, true, true, true);
        people.importAndWait(pa, ka, null, "application/zip", oneNight(400, 5000));
        String ged = "Takeout/Fitbit/Global Export Data/";
        byte[] bad = new Exports.Zip()
                .add(ged + "sleep-2026-01-01.json", Exports.list(Exports.sleepLog(77, today(), today().minusDays(1) + "T22:00:00.000",
                        today() + "T06:00:00.000", 470, true)))
                .add(ged + "steps-2026-01-01.json", Exports.heartDays(today(), 1, 3600).get(0)).bytes();
        JsonNode failed = people.importAndWait(pa, ka, null, "application/zip", bad);
        assertEquals("failed", failed.path("state").asText());
        assertEquals("file_mismatch", failed.path("error").path("code").asText());
        assertTrue(failed.path("error").path("message").asText().contains(ged + "steps-2026-01-01.json"), failed.toString());
        JsonNode days = people.get("/api/people/" + pa + "/days", ka).body();
        assertEquals(400, days.path("days").get(0).path("sleepMinutes").asInt(), "the sleep of the failed import was not stored");
    }

    @Test
    @DisplayName("IND-4: an upload over SAMENBORD_INDICATOR_MAX_IMPORT_BYTES is 413; an export's own content type is accepted (no 415)")
    void limits() {
        JsonNode a = people.createPerson(wid(workshop), token(workshop, "participant"));
        people.consent(a.path("person").asText(), a.path("key").asText(), true, true, true, true);
        Api.Reply big = people.uploadExpectingContinue(a.path("person").asText(), a.path("key").asText(), new byte[300_000]);
        assertEquals(413, big.status(), big.text());
        Api.Reply xml = people.upload(a.path("person").asText(), a.path("key").asText(), null, "application/xml",
                OtherFormatsImportTest.APPLE.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, xml.status(), xml.text());
        assertEquals(400, people.upload(a.path("person").asText(), a.path("key").asText(), "tz=Mars/Olympus", "application/zip",
                new byte[10]).status());
    }

    @Test
    @DisplayName("RE-7, IND-4: the import route takes exactly application/zip, application/json and application/xml; "
            + "anything else, a form's types above all, is 415; the person's other routes stay JSON only")
    void importMediaTypes() {
        JsonNode a = people.createPerson(wid(workshop), token(workshop, "participant"));
        String pid = a.path("person").asText();
        String key = a.path("key").asText();
        people.consent(pid, key, true, true, true, true);
        byte[] body = oneNight(420, 6000);
        Map<String, byte[]> accepted = new LinkedHashMap<>();
        accepted.put("application/zip", body);
        accepted.put("application/json; charset=utf-8", ("[" + OtherFormatsImportTest.omh("step-count",
                "{\"step_count\":3000,\"effective_time_frame\":{\"time_interval\":{\"start_date_time\":"
                        + "\"2026-01-05T12:00:00Z\",\"end_date_time\":\"2026-01-05T12:30:00Z\"}}}") + "]").getBytes(StandardCharsets.UTF_8));
        accepted.put("Application/XML", OtherFormatsImportTest.APPLE.getBytes(StandardCharsets.UTF_8));
        // One after the other (importAndWait throws unless the upload is 202): a node runs only so many imports at once.
        accepted.forEach((type, b) -> assertEquals("done", people.importAndWait(pid, key, "tz=UTC", type, b).path("state").asText(), type));
        for (String type : new String[]{"text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/octet-stream", "text/xml", "application/zipper", null}) {
            Api.Reply r = people.upload(pid, key, null, type, body);
            assertEquals(415, r.status(), type + ": " + r.text());
            assertEquals("unsupported_media_type", r.body().path("error").asText(), r.text());
        }
        assertEquals(415, people.call("PUT", "/api/people/" + pid + "/consent", key, "application/zip",
                "{\"sleep\":true,\"activity\":true,\"heart\":true,\"team\":true}".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(415, people.call("POST", "/api/people/" + pid + "/imports/x", key, "application/zip", body).status(),
                "only the import route itself takes a file");
    }

    @Test
    @DisplayName("IND-8, IND-9: any role reads the week's indicators (withheld below k with the count); only facilitators read the counts")
    void teamRoutes() {
        JsonNode w = node.api.createWorkshop("Team", "three-b");
        for (int i = 0; i < 3; i++) {
            JsonNode p = people.createPerson(wid(w), token(w, "participant"));
            people.consent(p.path("person").asText(), p.path("key").asText(), true, true, true, true);
            people.importAndWait(p.path("person").asText(), p.path("key").asText(), null, "application/zip", oneNight(400 + i, 6000));
        }
        Api.Reply r = people.get("/api/workshops/" + wid(w) + "/indicators", token(w, "observer"));
        assertEquals(200, r.status(), r.text());
        assertEquals(3, r.body().path("contributors").asInt());
        JsonNode sleep = r.body().path("indicators").path("sleepHours");
        assertEquals("3 of 5 people so far", sleep.path("suppressed").asText(), r.text());
        assertFalse(sleep.has("value"));
        // A deviation needs each person's own baseline (7 of the 28 days before): nobody has one yet.
        assertEquals("0 of 10 people so far", r.body().path("indicators").path("restingHeartRateDeviation").path("suppressed").asText());
        assertEquals(403, people.get("/api/workshops/" + wid(w) + "/indicators", token(other, "facilitator")).status());
        assertEquals(400, people.get("/api/workshops/" + wid(w) + "/indicators?week=2026-13", token(w, "observer")).status());

        Api.Reply counts = people.get("/api/workshops/" + wid(w) + "/people", token(w, "facilitator"));
        assertEquals(200, counts.status(), counts.text());
        assertEquals(3, counts.body().path("people").asInt());
        assertEquals(3, counts.body().path("contributorsThisWeek").asInt());
        assertEquals(3, counts.body().path("consents").path("team").asInt());
        assertFalse(counts.text().contains("400"), "counts never carry a value");
        assertEquals(403, people.get("/api/workshops/" + wid(w) + "/people", token(w, "participant")).status());
    }

    @Test
    @DisplayName("IND-13: DELETE with the key erases (204); with another key 403; afterwards the person is gone (404)")
    void erase() {
        JsonNode a = people.createPerson(wid(workshop), token(workshop, "participant"));
        JsonNode b = people.createPerson(wid(workshop), token(workshop, "participant"));
        String pa = a.path("person").asText();
        people.consent(pa, a.path("key").asText(), true, true, true, true);
        people.importAndWait(pa, a.path("key").asText(), null, "application/zip", oneNight(400, 5000));
        assertEquals(403, people.call("DELETE", "/api/people/" + pa, b.path("key").asText(), null, null).status());
        assertEquals(403, people.call("DELETE", "/api/people/" + pa, token(workshop, "facilitator"), null, null).status());
        assertEquals(204, people.call("DELETE", "/api/people/" + pa, a.path("key").asText(), null, null).status());
        assertEquals(404, people.get("/api/people/" + pa + "/days", a.path("key").asText()).status());
    }

    @Test
    @DisplayName("IND-15: a facilitator places an indicator item (participants 403); clients cannot write it; it updates live after an import")
    void boardItem() throws Exception {
        JsonNode w = node.api.createWorkshop("Bord", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        String body = "{\"indicator\":\"sleepHours\",\"weeks\":4,\"x\":1400,\"y\":40}";
        assertEquals(403, people.call("POST", "/api/boards/" + board + "/indicators", token(w, "participant"), "application/json",
                body.getBytes()).status());
        assertEquals(400, people.call("POST", "/api/boards/" + board + "/indicators", token(w, "facilitator"), "application/json",
                "{\"indicator\":\"mood\"}".getBytes()).status());
        Api.Reply placed = people.call("POST", "/api/boards/" + board + "/indicators", token(w, "facilitator"), "application/json", body.getBytes());
        assertEquals(201, placed.status(), placed.text());
        String item = placed.body().path("item").asText();
        assertTrue(item.startsWith("_ind-"));
        JsonNode items = node.api.get("/api/boards/" + board, token(w, "observer")).body().path("items");
        assertEquals("indicator", items.path(item).path("kind").path("v").asText());
        JsonNode state = items.path(item).path("state").path("v");
        assertEquals("0 of 5 people so far", state.path("suppressed").asText(), state.toString());
        assertEquals(4, state.path("series").size());

        try (WsClient ws = node.connect()) {
            ws.send(WsClient.hello(token(w, "participant"), board, "watcher01", "Watcher"));
            ws.next("welcome");
            ws.send("{\"t\":\"ops\",\"batch\":\"b1\",\"ops\":[{\"i\":\"" + item + "\",\"f\":\"state\",\"v\":{\"value\":9},\"s\":["
                    + System.currentTimeMillis() + ",0,\"watcher01\"]}]}");
            assertEquals("forbidden", ws.next("error").path("code").asText(), "nobody but the node writes an indicator item");
            JsonNode p = people.createPerson(wid(w), token(w, "participant"));
            people.consent(p.path("person").asText(), p.path("key").asText(), true, true, true, true);
            people.importAndWait(p.path("person").asText(), p.path("key").asText(), null, "application/zip", oneNight(420, 6000));
            JsonNode ops = ws.next("ops");
            assertEquals(item, ops.path("ops").get(0).path("i").asText());
            assertEquals("1 of 5 people so far", ops.path("ops").get(0).path("v").path("suppressed").asText());
        }
        assertEquals(204, people.call("DELETE", "/api/boards/" + board + "/indicators/" + item, token(w, "facilitator"), null, null).status());
        Poll.until("item deleted", Duration.ofSeconds(5), () -> node.api.get("/api/boards/" + board, token(w, "observer")).body()
                .path("items").path(item).path("deleted").path("v").asBoolean());
    }
}
