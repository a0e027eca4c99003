package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FS-1, RN-1: the jar with no settings but a data directory makes one demo workshop, once. */
class FirstStartIT {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("FS-1: the first start logs demo links that work; the second start makes no new demo")
    void demoWorkshopOnce() {
        String facilitatorLink;
        try (NodeProcess first = NodeProcess.start(dataDir, Map.of())) {
            String log = first.log();
            Matcher m = Pattern.compile("facilitator: (http://localhost:\\d+/join/(\\w+)#token=([\\w-]+))").matcher(log);
            assertTrue(m.find(), "no facilitator link in the log:\n" + log);
            assertTrue(log.contains("participant: http://localhost:"), log);
            facilitatorLink = m.group(1);
            Api api = new Api(first.base());
            var workshop = api.get("/api/workshops/" + m.group(2), m.group(3));
            assertEquals(200, workshop.status(), workshop.text());
            assertEquals("facilitator", workshop.body().path("role").asText());
            // The five demo boards plus the workshop's room board (FA-1), named apart as well.
            assertEquals(6, workshop.body().path("boards").size());
            assertTrue(workshop.body().path("room").isTextual());
            assertTrue(log.contains(m.group(1) + "&participant="), "FA-10: the facilitator link carries the other tokens");
            first.kill();
        }
        try (NodeProcess second = NodeProcess.start(dataDir, Map.of())) {
            assertFalse(second.log().contains("demo workshop"), second.log());
            Matcher m = Pattern.compile("/join/(\\w+)#token=([\\w-]+)").matcher(facilitatorLink);
            assertTrue(m.find());
            assertEquals(200, new Api(second.base()).get("/api/workshops/" + m.group(1), m.group(2)).status());
        }
    }
}
