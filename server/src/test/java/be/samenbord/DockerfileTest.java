package be.samenbord;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the image is checked as text against the code: every setting it
 * names is one the node reads, the jar it copies is the one the build makes, the port it exposes is
 * the one it configures, and the build stage has the Node that the web build needs.
 */
class DockerfileTest {

    static String dockerfile() throws IOException {
        return Files.readString(Path.of("..", "docker", "Dockerfile"));
    }

    @Test
    @DisplayName("CF-1: the image names only settings the node reads, and its port and jar match the build")
    void dockerfileMatchesTheCode() throws IOException {
        String text = dockerfile();
        Matcher m = Pattern.compile("SAMENBORD_([A-Z_]+)").matcher(text);
        int seen = 0;
        while (m.find()) {
            seen++;
            assertTrue(Settings.VARIABLES.contains(m.group(1)), "unknown setting SAMENBORD_" + m.group(1) + " in docker/Dockerfile");
        }
        assertTrue(seen > 0);
        assertTrue(text.contains("/src/server/target/samenbord.jar"), "copies the jar the build makes");
        Matcher port = Pattern.compile("SAMENBORD_HTTP_PORT=(\\d+)").matcher(text);
        assertTrue(port.find());
        assertTrue(text.contains("EXPOSE " + port.group(1)), "exposes the port it sets");
        assertTrue(text.contains("USER samenbord"), "runs as a non-root user");
        assertTrue(text.contains("FROM eclipse-temurin:21-jre"), "a JRE only at run time");
        assertTrue(text.contains("/usr/local/bin/npm"), "the build stage has npm for the web client");
        assertEquals(-1, text.indexOf("SAMENBORD_API_KEY="), "no credentials baked into the image");
    }
}
