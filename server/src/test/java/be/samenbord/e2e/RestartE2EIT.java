package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Screenshots;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DESIGN invariant 2 in a real browser: the node is killed with SIGKILL while a participant keeps
 * editing; when a node is back on the same address, the browser reconnects by itself, resends
 * what was not acknowledged, and nothing typed is lost.
 */
@ExtendWith(Screenshots.class)
class RestartE2EIT {

    @TempDir
    Path dataDir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @DisplayName("DU-1, SQ-2: SIGKILL of the node mid-session, restart on the same port: the browser reconnects and loses nothing")
    void browserSurvivesANodeCrash() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("SAMENBORD_DEMO", "false", "SAMENBORD_HTTP_PORT", String.valueOf(port));
        JsonNode workshop;
        String board;
        String item;
        try (Browser a = Browser.start()) {
            try (NodeProcess node = NodeProcess.start(dataDir, env)) {
                workshop = new Api(node.base()).createWorkshop("Herstart", "three-b");
                board = workshop.path("boards").get(0).path("id").asText();
                E2E.join(a, workshop.path("links").path("participant").asText().replace("localhost", "127.0.0.1"), null, "Anna");
                item = E2E.createNoteIn(a, "keep");
                E2E.type(a, "Voor de crash");
                String created = item;
                a.waitFor(d -> "Voor de crash".equals(E2E.items(new Api(node.base()), board,
                        workshop.path("tokens").path("observer").asText()).path(created).path("text").path("v").asText()), "stored");
                node.kill();
            }
            E2E.awaitStatus(a, "offline");
            E2E.editNote(a, item, "Tijdens de crash getypt");
            try (NodeProcess again = NodeProcess.start(dataDir, env)) {
                E2E.awaitStatusWithin(a, "connected", Duration.ofSeconds(30));
                Api api = new Api(again.base());
                String observer = workshop.path("tokens").path("observer").asText();
                String id = item;
                a.waitFor(d -> "Tijdens de crash getypt".equals(E2E.items(api, board, observer).path(id).path("text").path("v").asText()),
                        "the edit made while the node was down reaches it");
                try (Browser b = Browser.start()) {
                    E2E.join(b, workshop.path("links").path("observer").asText().replace("localhost", "127.0.0.1"), null, "Bert");
                    b.waitFor(d -> "Tijdens de crash getypt".equals(E2E.noteText(b, id)), "another browser sees it");
                    assertEquals(1, b.driver.findElements(org.openqa.selenium.By.cssSelector(".note")).size(), "one note, no duplicate");
                }
            }
        }
    }
}
