package be.samenbord.sync;

import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding "wrong close code for huge messages" (issue 12 item 9), rule LI-1: a WebSocket message
 * over 1 MiB was closed with 1008 (policy) instead of RFC 6455's 1009 (message too big).
 */
class OversizedMessageTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("LI-1: one frame over 1 MiB closes with 1009")
    void oneHugeFrame() {
        try (WsClient c = node.connect()) {
            c.send("{\"t\":\"presence\",\"x\":\"" + "a".repeat(1_200_000) + "\"}");
            assertEquals(1009, c.awaitClose());
        }
    }

    @Test
    @DisplayName("LI-1: a message over 1 MiB in fragments closes with 1009")
    void hugeMessageInFragments() {
        try (WsClient c = node.connect()) {
            String part = "a".repeat(600_000);
            c.sendFragment("{\"t\":\"presence\",\"x\":\"" + part, false);
            c.sendFragment(part + "\"}", true);
            assertEquals(1009, c.awaitClose());
        }
    }
}
