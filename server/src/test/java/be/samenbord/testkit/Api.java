package be.samenbord.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** REST calls with the JDK HTTP client. */
public final class Api {

    // HTTP/1.1 as browsers and nginx speak to a node: the JDK's default offers an h2c upgrade, and
    // one CI run read a 2.2 MB answer after such an upgrade as HTTP/2 frames (ProtocolException).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public record Reply(int status, JsonNode body, String text, byte[] bytes, java.net.http.HttpHeaders headers) {
        public Reply(int status, JsonNode body, String text) {
            this(status, body, text, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        }
    }

    /** A GET whose body may be binary (exports). */
    public Reply getBytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            return new Reply(r.statusCode(), null, text, r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Reply get(String path, String token) {
        return get(path, token, java.util.Map.of());
    }

    /** A GET with more headers (e.g. a search's seat, SE-6). */
    public Reply get(String path, String token, java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return send(b.build());
    }

    public Reply post(String path, String body) {
        return postWithBearer(path, body, null);
    }

    public Reply postWithBearer(String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    /** The id of the first board of {@code template} in a workshop as the API returned it; fails if there is none. */
    public static String boardOf(JsonNode workshop, String template) {
        for (JsonNode b : workshop.path("boards")) if (b.path("template").asText().equals(template)) return b.path("id").asText();
        throw new AssertionError("no " + template + " board in " + workshop.path("id").asText());
    }

    /** A new workshop with the given templates; fails unless 201. */
    public JsonNode createWorkshop(String title, String... templates) {
        var body = WsClient.JSON.createObjectNode().put("title", title);
        var list = body.putArray("templates");
        for (String t : templates) list.add(t);
        Reply r = post("/api/workshops", body.toString());
        if (r.status() != 201) throw new AssertionError("workshop not created: " + r.status() + " " + r.text());
        return r.body();
    }

    /**
     * Sends, and sends a GET once more when the connection it reused was closed under it: the node
     * closes keep-alive connections idle for {@code SAMENBORD_HTTP_IDLE_MS} (LI-8), and a request
     * racing that close reads EOF, as a browser would (which also retries such a request).
     */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!request.method().equals("GET") || !String.valueOf(e.getMessage()).contains("EOF")) throw e;
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = exchange(request);
            JsonNode body = null;
            if (!response.body().isEmpty()) {
                try {
                    body = WsClient.JSON.readTree(response.body());
                } catch (IOException notJson) {
                    body = null;
                }
            }
            return new Reply(response.statusCode(), body, response.body(),
                    response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
