package be.samenbord.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * A person's seat for tests (rules ID-1, ID-2): a secret, its id, and replica ids (tabs) on it,
 * as the web client makes them. Seeded, so a failing test names the same seat again.
 */
public record Seat(String secret, String id) {

    public static Seat random(Random random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Seat(secret, id(secret));
    }

    /** ID-1, written out here rather than taken from the node's code: a test of it, not a copy. */
    public static String id(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A replica (tab) of this seat: {@code <seat id>_<tab>}. */
    public String replica(String tab) {
        return id + "_" + tab;
    }

    /** A hello for {@code replica} that carries this seat's secret. */
    public com.fasterxml.jackson.databind.node.ObjectNode hello(String token, String board, String replica, String name) {
        return WsClient.hello(token, board, replica, name).put("seat", secret);
    }

    /** Sends this seat's hello on {@code c} and waits for the welcome. */
    public com.fasterxml.jackson.databind.JsonNode join(WsClient c, String token, String board, String tab, String name) {
        c.send(hello(token, board, replica(tab), name));
        com.fasterxml.jackson.databind.JsonNode reply = c.next(f -> f.path("t").asText().equals("welcome") || f.path("t").asText().equals("error"));
        if (!reply.path("t").asText().equals("welcome")) throw new AssertionError("hello refused: " + reply);
        return reply;
    }
}
