package be.samenbord.cluster;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.ListeningSockets;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Postgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, finding 7: the Hazelcast member port listened on every interface, so anyone who could
 * reach the host could join as a plain Hazelcast client (Hazelcast open source has no member
 * authentication) and read or write the tails map. A started member now listens on
 * SAMENBORD_CLUSTER_HOST only, and so does the event bus between nodes (rule CU-10). Checked as
 * {@code ss -ltnp} would show it: the node process's sockets in /proc.
 */
class MemberPortBindingIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("CU-10 (finding 7): a member's Hazelcast port and event bus listen on SAMENBORD_CLUSTER_HOST only, never 0.0.0.0")
    void memberPortListensOnTheClusterHostOnly() {
        try (Postgres pg = Postgres.start();
             ClusterNodes c = new ClusterNodes(2, pg.createDatabase("binding"), Map.of("SAMENBORD_CLUSTER_HOST", "127.0.0.1"))) {
            NodeProcess node = c.startNext();
            String member = new Api(node.base()).get("/health", null).body().path("cluster").path("members").get(0)
                    .path("address").asText();
            int memberPort = Integer.parseInt(member.substring(member.lastIndexOf(':') + 1));
            int httpPort = URI.create(node.base()).getPort();
            List<ListeningSockets.Listener> listening = ListeningSockets.of(node.pid());
            System.out.println("MemberPortBindingIT: node pid " + node.pid() + " listens on " + listening
                    + " (HTTP " + httpPort + ", Hazelcast " + memberPort + ")");
            assertTrue(listening.stream().anyMatch(l -> l.port() == memberPort), "the member port is listening: " + listening);
            for (ListeningSockets.Listener l : listening) {
                assertFalse(l.anyInterface(), "listening on every interface: " + l + " (all: " + listening + ")");
                assertEquals("127.0.0.1", l.address().getHostAddress(), "bound to SAMENBORD_CLUSTER_HOST: " + l);
            }
            // HTTP, the member port and the event bus: nothing else, and nothing missing.
            assertEquals(3, listening.size(), "listeners: " + listening);
        }
    }
}
