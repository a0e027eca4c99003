package be.samenbord.http;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.RawHttp;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding "exhaustion by idle connections" (issue 12 item 7), rule LI-8: TCP connections that
 * sent nothing, or half a request line, were never closed; about 20,000 of them used up the
 * node's descriptors and /health timed out.
 */
class IdleConnectionsTest {

    static final int IDLE_MS = 500;
    /** How late after the idle time a close may come (timer granularity, a loaded machine). */
    static final int SLACK_MS = 3_000;
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("SAMENBORD_HTTP_IDLE_MS", Integer.toString(IDLE_MS));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("LI-8: connections that send nothing, or half a request line, are closed after SAMENBORD_HTTP_IDLE_MS")
    void idleAndHalfOpenConnectionsAreClosed() {
        List<RawHttp> silent = new ArrayList<>();
        List<RawHttp> halfLine = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(new RawHttp(node.node.port()));
                halfLine.add(new RawHttp(node.node.port()).write("GET /hea"));
            }
            for (RawHttp c : silent) assertClosedInTime(c, "a silent connection");
            for (RawHttp c : halfLine) assertClosedInTime(c, "half a request line");
            assertEquals(200, node.api.get("/health", null).status());
        } finally {
            silent.forEach(RawHttp::close);
            halfLine.forEach(RawHttp::close);
        }
    }

    private static void assertClosedInTime(RawHttp c, String what) {
        long ms = c.awaitClosedMs(IDLE_MS + SLACK_MS);
        assertTrue(ms >= 0, what + " was still open " + (IDLE_MS + SLACK_MS) + " ms later");
    }

    @Test
    @DisplayName("LI-8, LI-7: a joined WebSocket is not cut by the HTTP idle time; its heartbeat governs it")
    void quietWebSocketStaysOpen() {
        TestNode.Board board = node.board("windroos");
        try (WsClient quiet = node.connect()) {
            quiet.join(board.token("participant"), board.id(), "replicaQUIE", "Quiet");
            // Several idle times pass: each raw connection below is closed after one of them.
            for (int i = 0; i < 3; i++) {
                try (RawHttp clock = new RawHttp(node.node.port())) {
                    assertTrue(clock.awaitClosedMs(IDLE_MS + SLACK_MS) >= 0, "the idle timeout did not run");
                }
            }
            assertFalse(quiet.isClosed(), "the quiet WebSocket was closed");
            quiet.send(new OpsBuilder("replicaQUIE").note("q-1", "q1", "nog hier", "south"));
            assertEquals("q-1", quiet.next("ack").path("batch").asText());
        }
    }
}
