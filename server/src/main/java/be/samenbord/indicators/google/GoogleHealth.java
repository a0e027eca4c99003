package be.samenbord.indicators.google;

import be.samenbord.indicators.importer.Accumulator;
import be.samenbord.indicators.importer.ExportReader;
import be.samenbord.indicators.importer.ImportFailure;
import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Kind;
import be.samenbord.indicators.store.Vault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The Google Health API v4 connector (IND-5): OAuth 2 authorization code with PKCE (S256), then one
 * pull of the person's consented data types over {@code users.dataTypes.dataPoints.list}, following
 * {@code nextPageToken} until it is empty, each page streamed into the same daily accumulator as an
 * upload. The access token is used for that pull only and never stored; no refresh token is asked
 * for. The PKCE verifier travels in the OAuth {@code state}, sealed with the indicator key, so any
 * node of a cluster can finish the flow and nothing waits in memory.
 */
public final class GoogleHealth {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STATE_TTL_MS = 15 * 60_000;
    private static final String SCOPE = "https://www.googleapis.com/auth/googlehealth.";

    /** Settings: client id and secret, the three endpoints (tests point them at a local server), days pulled. */
    public record Config(String clientId, String clientSecret, String authUrl, String tokenUrl, String apiUrl, int pullDays) {
    }

    /** A flow begun: who, the PKCE verifier, the person's time zone. */
    public record Pending(String person, String verifier, ZoneId zone) {
    }

    private final Config config;
    private final Vault vault;
    private final LongSupplier clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SecureRandom random = new SecureRandom();

    public GoogleHealth(Config config, Vault vault, LongSupplier clock) {
        this.config = config;
        this.vault = vault;
        this.clock = clock;
    }

    /** Data types per kind: path id, filter id, and which filter field its record type has. */
    private record Type(String path, String filter, boolean daily, Kind kind) {
    }

    private static final List<Type> TYPES = List.of(
            new Type("sleep", "sleep", false, Kind.SLEEP),
            new Type("steps", "steps", false, Kind.ACTIVITY),
            new Type("active-minutes", "active_minutes", false, Kind.ACTIVITY),
            new Type("daily-resting-heart-rate", "daily_resting_heart_rate", true, Kind.HEART),
            new Type("daily-heart-rate-variability", "daily_heart_rate_variability", true, Kind.HEART),
            new Type("daily-oxygen-saturation", "daily_oxygen_saturation", true, Kind.HEART));

    static String scopes(Consent c) {
        List<String> s = new ArrayList<>();
        if (c.sleep()) s.add(SCOPE + "sleep.readonly");
        if (c.activity()) s.add(SCOPE + "activity_and_fitness.readonly");
        if (c.heart()) s.add(SCOPE + "health_metrics_and_measurements.readonly");
        return String.join(" ", s);
    }

    /** Where to send the person's browser: Google's consent screen for the kinds they consented to here. */
    public String authorizeUrl(String person, Consent consent, ZoneId zone, String redirectUri) {
        byte[] v = new byte[32];
        random.nextBytes(v);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(v);
        ObjectNode st = JSON.createObjectNode().put("p", person).put("v", verifier).put("z", zone == null ? "" : zone.getId())
                .put("e", clock.getAsLong() + STATE_TTL_MS);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(vault.seal(st.toString().getBytes(StandardCharsets.UTF_8), "google-state"));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", config.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("scope", scopes(consent));
        q.put("state", state);
        q.put("code_challenge", challenge(verifier));
        q.put("code_challenge_method", "S256");
        q.put("access_type", "online");
        return config.authUrl() + "?" + form(q);
    }

    /** The flow {@code state} names, if it is ours and not expired. */
    public Pending open(String state) {
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(state);
            JsonNode st = JSON.readTree(vault.open(sealed, "google-state"));
            if (st.path("e").asLong() < clock.getAsLong()) throw new IllegalArgumentException("the authorization took too long; start again");
            String z = st.path("z").asText();
            return new Pending(st.path("p").asText(), st.path("v").asText(), z.isEmpty() ? null : ZoneId.of(z));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e instanceof IOException ? "this authorization is not one of ours" : e.getMessage());
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The pull: trades {@code code} for an access token, then reads every page of every consented
     * type from {@code today - pullDays} on into {@code acc}. Runs on an import worker.
     */
    public void pull(String code, Pending pending, String redirectUri, Accumulator acc, Consent consent, LocalDate today,
                     DoubleConsumer progress) throws IOException {
        String token = token(code, pending.verifier(), redirectUri);
        List<Type> types = TYPES.stream().filter(t -> consent.allows(t.kind())).toList();
        LocalDate from = today.minusDays(config.pullDays());
        for (int i = 0; i < types.size(); i++) {
            Type t = types.get(i);
            String filter = t.daily() ? t.filter() + ".date >= \"" + from + "\""
                    : t.filter() + ".interval.civil_start_time >= \"" + from + "\"";
            String pageToken = null;
            int pages = 0;
            do {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("pageSize", t.path().equals("sleep") ? "25" : "10000");
                q.put("filter", filter);
                if (pageToken != null) q.put("pageToken", pageToken);
                HttpRequest req = HttpRequest.newBuilder(URI.create(config.apiUrl() + "/users/me/dataTypes/" + t.path() + "/dataPoints?" + form(q)))
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
                HttpResponse<InputStream> res = send(req);
                try (InputStream body = res.body()) {
                    if (res.statusCode() != 200) {
                        throw new ImportFailure("google_error", "Google Health " + t.path(), "answered HTTP " + res.statusCode());
                    }
                    pageToken = ExportReader.page(body, "Google Health " + t.path() + " page " + (pages + 1), acc, pending.zone());
                }
                if (pageToken != null && pageToken.isEmpty()) pageToken = null;
                if (++pages > 10_000) throw new ImportFailure("google_error", "Google Health " + t.path(), "sent more than 10000 pages");
                progress.accept((i + Math.min(0.9, pages / 20.0)) / types.size());
            } while (pageToken != null);
        }
    }

    private String token(String code, String verifier, String redirectUri) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", redirectUri);
        f.put("client_id", config.clientId());
        f.put("client_secret", config.clientSecret());
        f.put("code_verifier", verifier);
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.tokenUrl())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(f))).build();
        HttpResponse<InputStream> res = send(req);
        try (InputStream body = res.body()) {
            JsonNode answer = JSON.readTree(body);
            if (res.statusCode() != 200 || !answer.path("access_token").isTextual()) {
                throw new ImportFailure("google_denied", "Google sign-in", "did not give access (HTTP " + res.statusCode() + " "
                        + answer.path("error").asText("") + ")");
            }
            return answer.get("access_token").asText();
        }
    }

    private HttpResponse<InputStream> send(HttpRequest req) throws IOException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("the pull was stopped");
        }
    }
}
