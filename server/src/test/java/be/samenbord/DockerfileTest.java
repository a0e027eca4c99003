package be.samenbord;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the image is checked as text against the code: every setting it
 * names is one the node reads, the jar it copies is the one the build makes, the ports it exposes are
 * the ones it configures, the JVM gets the flags Hazelcast needs, and the build stage has the Node
 * that the web build needs.
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
        Map<String, String> env = new HashMap<>();
        Matcher kv = Pattern.compile("(SAMENBORD_[A-Z_]+)=(\\S+)").matcher(instruction(text, "ENV"));
        while (kv.find()) env.put(kv.group(1), kv.group(2));
        assertTrue(env.containsKey("SAMENBORD_HTTP_PORT"), "sets the HTTP port it exposes");
        Settings settings = Settings.fromEnv(env);
        List<String> exposed = List.of(instruction(text, "EXPOSE").split("\\s+"));
        assertTrue(exposed.contains(String.valueOf(settings.httpPort())), "exposes the HTTP port it sets");
        assertTrue(exposed.contains(String.valueOf(settings.clusterPort())), "exposes the Hazelcast port");
        assertTrue(text.contains("USER samenbord"), "runs as a non-root user");
        String major = pinnedJdk();
        assertTrue(text.contains("FROM eclipse-temurin:" + major + "-jre"), "a JRE only at run time, the JDK CI builds with (" + major + ")");
        assertTrue(text.contains("FROM maven:3.9-eclipse-temurin-" + major + " AS build"), "the image is built with the JDK CI uses");
        assertTrue(text.contains("/usr/local/bin/npm"), "the build stage has npm for the web client");
        assertEquals(-1, text.indexOf("SAMENBORD_API_KEY="), "no credentials baked into the image");
    }

    @Test
    @DisplayName("the JVM is PID 1 (exec form) and has the flags Hazelcast needs on Java 21")
    void entrypointRunsTheJvmWithHazelcastFlags() throws IOException {
        List<String> command = new ObjectMapper().readValue(instruction(dockerfile(), "ENTRYPOINT"), new TypeReference<>() {});
        assertEquals("java", command.get(0), "exec form: no shell between Docker and the JVM, so SIGTERM reaches it");
        assertEquals(List.of("-jar", "/opt/samenbord/samenbord.jar"), command.subList(command.size() - 2, command.size()));
        List<String> jvmOptions = command.subList(1, command.size() - 2);
        for (int i = 0; i < HAZELCAST_FLAGS.size(); i += 2) {
            assertTrue(Collections.indexOfSubList(jvmOptions, HAZELCAST_FLAGS.subList(i, i + 2)) >= 0,
                    "JVM option " + HAZELCAST_FLAGS.get(i) + " " + HAZELCAST_FLAGS.get(i + 1));
        }
    }

    /** What Hazelcast asks for on Java 9+ to run without warnings (option, value pairs). */
    static final List<String> HAZELCAST_FLAGS = List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /** The arguments of the last {@code keyword} instruction of the run stage, continuation lines joined. */
    static String instruction(String dockerfile, String keyword) {
        String runStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        String joined = runStage.replace("\\\n", " ");
        String found = null;
        for (String line : joined.split("\n")) {
            if (line.startsWith(keyword + " ")) found = line.substring(keyword.length()).trim();
        }
        assertTrue(found != null, "a " + keyword + " instruction");
        return found;
    }

    /** The JDK major .ci/jdk.sh picks for CI: the Docker image must use the same (issue "Faults"). */
    static String pinnedJdk() {
        try {
            Matcher m = Pattern.compile("(?m)^PINNED_MAJOR=(\\d+)$").matcher(java.nio.file.Files.readString(java.nio.file.Path.of("..", ".ci", "jdk.sh")));
            assertTrue(m.find(), ".ci/jdk.sh pins a JDK major");
            return m.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
