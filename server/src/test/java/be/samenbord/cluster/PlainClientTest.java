package be.samenbord.cluster;

import be.samenbord.Settings;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 13, finding 7: a plain Hazelcast client, with nothing but the cluster name (which is no
 * secret: it is in the compose file), connected to a member and read every note as it was written
 * (the tails map) and could write into it. A member now speaks only the member protocol on its
 * port: it has no client endpoint at all (rule CU-10), so even from the member's own interface a
 * client gets nowhere. (Binding to the private interface is the first line: MemberPortBindingIT.)
 */
class PlainClientTest {

    @Test
    @DisplayName("CU-10 (finding 7): a plain Hazelcast client cannot connect to a member, even on the member's own interface")
    void plainClientIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String cluster = "plain-client-" + UUID.randomUUID();
        HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastSetup.config(Settings.fromEnv(Map.of(
                "SAMENBORD_CLUSTER_MEMBERS", "127.0.0.1:" + port, "SAMENBORD_CLUSTER_PORT", String.valueOf(port),
                "SAMENBORD_CLUSTER_NAME", cluster, "SAMENBORD_STORE", "postgresql://u:p@127.0.0.1:1/none"))));
        try {
            member.<String, Tail>getMap(BoardTails.MAP).put("board-secret", new Tail(1, List.of("{\"text\":\"geheim\"}")));
            ClientConfig client = new ClientConfig().setClusterName(cluster);
            client.getNetworkConfig().addAddress("127.0.0.1:" + port);
            client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(4_000);
            client.setProperty("hazelcast.logging.type", "jdk");
            assertThrows(IllegalStateException.class, () -> {
                HazelcastInstance c = HazelcastClient.newHazelcastClient(client);
                try {
                    System.out.println("PlainClientTest: a plain client read " + c.getMap(BoardTails.MAP).get("board-secret"));
                } finally {
                    c.shutdown();
                }
            }, "a plain client connected and read the tails");
        } finally {
            member.getLifecycleService().terminate();
        }
    }
}
