package be.samenbord.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Seats against the vectors the web client is tested with too ({@code server/vectors/seats.json}). */
class SeatsTest {

    static final JsonNode VECTORS = read();

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("vectors", "seats.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("ID-1: seat ids are the first 12 bytes of SHA-256 in lowercase hex, as the web client computes them")
    void seatIds() {
        assertFalse(VECTORS.path("seats").isEmpty());
        for (JsonNode v : VECTORS.path("seats")) {
            assertEquals(v.path("seatId").asText(), Seats.seatId(v.path("secret").asText()), v.toString());
            assertEquals(true, Seats.SECRET.matcher(v.path("secret").asText()).matches());
        }
        for (JsonNode bad : VECTORS.path("invalidSecrets")) {
            assertFalse(Seats.SECRET.matcher(bad.asText()).matches(), bad.asText());
        }
    }

    @Test
    @DisplayName("ID-2, ID-3: the person of a replica; the hand-written check agrees with the pattern")
    void persons() {
        assertFalse(VECTORS.path("persons").isEmpty());
        for (JsonNode v : VECTORS.path("persons")) {
            String replica = v.path("replica").asText();
            assertEquals(v.path("person").asText(), Seats.personOf(replica), replica);
            assertEquals(Seats.SEATED.matcher(replica).matches(), Seats.seated(replica), replica);
        }
    }

    @Test
    @DisplayName("ID-2, ID-4: who may speak as a replica")
    void refusals() {
        JsonNode first = VECTORS.path("seats").get(0);
        String secret = first.path("secret").asText();
        String replica = first.path("seatId").asText() + "_tab1";
        assertNull(Seats.refusal(replica, secret));
        assertNotNull(Seats.refusal(replica, null), "a seated replica needs its seat");
        assertNotNull(Seats.refusal(replica, VECTORS.path("seats").get(1).path("secret").asText()), "another seat's secret");
        assertNull(Seats.refusal("legacyReplica1", null), "v1 clients keep working");
        assertNotNull(Seats.refusal("samenbord-node", null));
    }
}
