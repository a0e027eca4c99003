package be.samenbord.indicators;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The person and team routes of PROTOCOL.md IND-*, from a test: any method, any body, any bearer. */
public final class PeopleClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public PeopleClient(String base) {
        this.base = base;
    }

    public Api.Reply call(String method, String path, String bearer, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        if (contentType != null) b.header("Content-Type", contentType);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!r.body().isEmpty()) {
                try {
                    json = WsClient.JSON.readTree(r.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Api.Reply(r.statusCode(), json, r.body(), r.body().getBytes(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Api.Reply get(String path, String bearer) {
        return call("GET", path, bearer, null, null);
    }

    /** A new person with a workshop token; returns {person, key, link}. */
    public JsonNode createPerson(String workshop, String token) {
        Api.Reply r = call("POST", "/api/workshops/" + workshop + "/people", token, null, null);
        if (r.status() != 201) throw new AssertionError("person not created: " + r.status() + " " + r.text());
        return r.body();
    }

    public Api.Reply consent(String person, String key, boolean sleep, boolean activity, boolean heart, boolean team) {
        String body = "{\"sleep\":" + sleep + ",\"activity\":" + activity + ",\"heart\":" + heart + ",\"team\":" + team + "}";
        return call("PUT", "/api/people/" + person + "/consent", key, "application/json", body.getBytes());
    }

    public Api.Reply upload(String person, String key, String query, String contentType, byte[] body) {
        return call("POST", "/api/people/" + person + "/imports" + (query == null ? "" : "?" + query), key, contentType, body);
    }

    /** An upload that asks first ({@code Expect: 100-continue}), as careful clients of large bodies do. */
    public Api.Reply uploadExpectingContinue(String person, String key, byte[] body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/people/" + person + "/imports")).timeout(Duration.ofSeconds(60))
                .expectContinue(true).header("Authorization", "Bearer " + key).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(r.statusCode(), r.body().isEmpty() ? null : WsClient.JSON.readTree(r.body()), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Uploads and waits until the import is done or failed; returns its final status. */
    public JsonNode importAndWait(String person, String key, String query, String contentType, byte[] body) {
        Api.Reply r = upload(person, key, query, contentType, body);
        if (r.status() != 202) throw new AssertionError("upload refused: " + r.status() + " " + r.text());
        String id = r.body().path("import").asText();
        JsonNode[] last = new JsonNode[1];
        Poll.until("import " + id + " finished", Duration.ofSeconds(60), () -> {
            last[0] = get("/api/people/" + person + "/imports/" + id, key).body();
            return last[0] != null && !"running".equals(last[0].path("state").asText());
        });
        return last[0];
    }
}
