package be.samenbord.indicators;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Google Health API v4 connector (IND-5) against a local HTTP server that plays Google: the
 * OAuth consent screen (which redirects back with a code), the token endpoint (which checks the
 * PKCE verifier against the challenge, S256), and {@code users.dataTypes.dataPoints.list}, whose
 * pages are shaped as the API reference documents them and chained by {@code nextPageToken}.
 */
class GoogleHealthConnectorTest {

    static Vertx vertx;
    static HttpServer google;
    static TestNode node;
    static final Map<String, String> challenges = new ConcurrentHashMap<>();
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static final LocalDate D = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        google = vertx.createHttpServer().requestHandler(GoogleHealthConnectorTest::handle).listen(0, "127.0.0.1").await();
        String g = "http://127.0.0.1:" + google.actualPort();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        node = TestNode.start("SAMENBORD_HTTP_PORT", Integer.toString(port), "SAMENBORD_PUBLIC_URL", "http://127.0.0.1:" + port,
                "SAMENBORD_GOOGLE_CLIENT_ID", "samenbord-test.apps.example", "SAMENBORD_GOOGLE_CLIENT_SECRET", "not-a-real-secret",
                "SAMENBORD_GOOGLE_AUTH_URL", g + "/o/oauth2/v2/auth", "SAMENBORD_GOOGLE_TOKEN_URL", g + "/token",
                "SAMENBORD_GOOGLE_API_URL", g + "/v4");
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (vertx != null) vertx.close().await();
    }

    static void handle(HttpServerRequest req) {
        requests.add(req.method() + " " + req.path() + (req.query() == null ? "" : "?" + URLDecoder.decode(req.query(), StandardCharsets.UTF_8)));
        MultiMap q = req.params();
        if (req.path().equals("/o/oauth2/v2/auth")) {
            // The consent screen: the person says yes; Google sends the browser back with a code.
            String code = "code-" + challenges.size();
            challenges.put(code, q.get("code_challenge") + "|" + q.get("code_challenge_method") + "|" + q.get("client_id"));
            req.response().setStatusCode(302).putHeader("Location", q.get("redirect_uri") + "?state="
                    + q.get("state") + "&code=" + code + "&scope=" + q.get("scope").replace(" ", "%20")).end();
        } else if (req.path().equals("/token")) {
            req.setExpectMultipart(true);
            req.endHandler(v -> {
                MultiMap f = req.formAttributes();
                String[] c = challenges.getOrDefault(f.get("code"), "||").split("\\|", -1);
                boolean ok = "authorization_code".equals(f.get("grant_type")) && "S256".equals(c[1]) && "samenbord-test.apps.example".equals(c[2])
                        && "not-a-real-secret".equals(f.get("client_secret")) && c[0].equals(s256(f.get("code_verifier")));
                req.response().setStatusCode(ok ? 200 : 400).putHeader("Content-Type", "application/json")
                        .end(ok ? "{\"access_token\":\"ya29.test-token\",\"expires_in\":3599,\"token_type\":\"Bearer\",\"scope\":\"x\"}"
                                : "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
            });
        } else if (req.path().startsWith("/v4/users/me/dataTypes/")) {
            if (!"Bearer ya29.test-token".equals(req.getHeader("Authorization"))) {
                req.response().setStatusCode(401).end("{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
                return;
            }
            String type = req.path().split("/")[5];
            req.response().putHeader("Content-Type", "application/json; charset=UTF-8").end(page(type, q.get("pageToken")));
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier == null ? new byte[0] : verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Steps come in three pages (1000 + 2000 + 3000 steps on one day); other types in one. */
    static String page(String type, String token) {
        String start = D + "T08:00:00Z";
        return switch (type) {
            case "steps" -> token == null
                    ? GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.steps(start, D + "T08:01:00Z", "3600s", D, 9, 0, 1000)), "page-2")
                    : token.equals("page-2")
                    ? GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.steps(D + "T09:00:00Z", D + "T09:01:00Z", "3600s", D, 10, 0, 2000)), "page-3")
                    : GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.steps(D + "T10:00:00Z", D + "T10:01:00Z", "3600s", D, 11, 0, 3000)), "");
            case "active-minutes" -> GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.activeMinutes(D, 12, 20, 11, 40)), null);
            case "sleep" -> GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.sleep("s9", D, 431, false, true),
                    GoogleHealthPages.sleep("s10", D, 25, true, false)), null);
            case "daily-resting-heart-rate" -> GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.restingHeartRate(D, 58)), null);
            case "daily-heart-rate-variability" -> GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.hrv(D, 38.5)), null);
            case "daily-oxygen-saturation" -> GoogleHealthPages.page(GoogleHealthPages.of(GoogleHealthPages.spo2(D, 95.5)), null);
            default -> GoogleHealthPages.page(new ArrayList<>(), null);
        };
    }

    static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("IND-5: OAuth with PKCE, every page followed by nextPageToken, the day's values stored; the token is used, never kept")
    void pull() throws Exception {
        PeopleClient people = new PeopleClient(node.base);
        JsonNode w = node.api.createWorkshop("Google", "three-b");
        JsonNode p = people.createPerson(w.path("id").asText(), w.path("tokens").path("participant").asText());
        String pid = p.path("person").asText();
        String key = p.path("key").asText();
        assertEquals(403, people.call("POST", "/api/people/" + pid + "/google", key, null, null).status(), "consent first");
        people.consent(pid, key, true, true, true, true);
        Api.Reply start = people.call("POST", "/api/people/" + pid + "/google?tz=Europe/Brussels", key, null, null);
        assertEquals(200, start.status(), start.text());
        String authorize = start.body().path("authorize").asText();
        assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("googlehealth.sleep.readonly")
                && authorize.contains("googlehealth.health_metrics_and_measurements.readonly"), authorize);

        HttpResponse<String> consentScreen = get(authorize);
        assertEquals(302, consentScreen.statusCode());
        HttpResponse<String> back = get(consentScreen.headers().firstValue("Location").orElseThrow());
        assertEquals(302, back.statusCode(), back.body());
        String to = back.headers().firstValue("Location").orElseThrow();
        assertTrue(to.startsWith("/me/" + pid + "#import="), to);
        String importId = to.substring(to.indexOf("#import=") + 8);
        JsonNode[] status = new JsonNode[1];
        Poll.until("the pull finished", Duration.ofSeconds(30), () -> {
            status[0] = people.get("/api/people/" + pid + "/imports/" + importId, key).body();
            return !"running".equals(status[0].path("state").asText());
        });
        assertEquals("done", status[0].path("state").asText(), status[0].toString());
        JsonNode day = people.get("/api/people/" + pid + "/days?from=" + D + "&to=" + D, key).body().path("days").get(0);
        assertEquals("{\"date\":\"" + D + "\",\"sleepMinutes\":431,\"steps\":6000,\"activeMinutes\":31,\"restingHeartRate\":58.0,"
                + "\"hrvRmssd\":38.5,\"spo2\":95.5}", day.toString());
        assertTrue(requests.stream().anyMatch(r -> r.contains("/dataTypes/steps/dataPoints") && r.contains("pageToken=page-3")), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.contains("filter=steps.interval.civil_start_time >= \"")), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.contains("filter=daily_resting_heart_rate.date >= \"")), requests.toString());

        HttpResponse<String> forged = get(node.base + "/api/google/callback?code=code-0&state=AAAA" + "x".repeat(40));
        assertEquals(400, forged.statusCode(), "a state the node did not seal: " + forged.body());
    }
}
