package be.samenbord;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CF-1, CF-2: settings from SAMENBORD_* variables, defaults, and clear refusals. */
class SettingsTest {

    @Test
    @DisplayName("CF-1: with nothing set, the contract's defaults")
    void defaults() {
        Settings s = Settings.defaults();
        assertEquals(8080, s.httpPort());
        assertEquals(Path.of("./data"), s.dataDir());
        assertEquals(Optional.empty(), s.store());
        assertEquals(List.of(), s.clusterMembers());
        assertEquals(5701, s.clusterPort());
        assertEquals("samenbord", s.clusterName());
        assertEquals(Optional.empty(), s.publicUrl());
        assertTrue(s.demoWorkshop());
        assertEquals(10_000, s.helloTimeoutMs());
    }

    @Test
    @DisplayName("CF-2, LI-8 to LI-13: every limit has its documented default; below its floor a limit is refused")
    void limits() {
        Settings.Limits l = Settings.defaults().limits();
        assertEquals(new Settings.Limits(10_000, 10, 10, 200, 200, 400, 400, 20, 600, 5_000, 4L * 1024 * 1024), l);
        var boards = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(Map.of("SAMENBORD_MAX_BOARDS_PER_WORKSHOP", "20")));
        assertTrue(boards.getMessage().contains("SAMENBORD_MAX_BOARDS_PER_WORKSHOP") && boards.getMessage().contains("21"), boards.getMessage());
        assertEquals(0, Settings.fromEnv(Map.of("SAMENBORD_CREATE_PER_MINUTE", "0")).limits().createPerMinute(), "0 = no limit");
        assertEquals(List.of(), Settings.unknownVariables(Map.of("SAMENBORD_MAX_ITEMS_PER_BOARD", "1", "SAMENBORD_HTTP_IDLE_MS", "500")));
    }

    @Test
    @DisplayName("CF-1: values are read, trimmed and normalised")
    void values() {
        Settings s = Settings.fromEnv(Map.of("SAMENBORD_HTTP_PORT", " 9090 ", "SAMENBORD_PUBLIC_URL", "https://bord.example/",
                "SAMENBORD_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701,,", "SAMENBORD_DEMO", "off", "OTHER", "ignored",
                "SAMENBORD_STORE", "postgresql://u:p@db:5432/samenbord"));
        assertEquals(9090, s.httpPort());
        assertEquals(Optional.of("https://bord.example"), s.publicUrl());
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), s.clusterMembers());
        assertFalse(s.demoWorkshop());
    }

    @Test
    @DisplayName("CF-1: a bad value stops the start with a message naming the variable")
    void badValuesAreRefused() {
        var port = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(Map.of("SAMENBORD_HTTP_PORT", "80a")));
        assertTrue(port.getMessage().contains("SAMENBORD_HTTP_PORT"), port.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(Map.of("SAMENBORD_HTTP_PORT", "70000")));
        assertTrue(range.getMessage().contains("0 to 65535"), range.getMessage());
        var bool = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(Map.of("SAMENBORD_DEMO", "maybe")));
        assertTrue(bool.getMessage().contains("SAMENBORD_DEMO"), bool.getMessage());
        var member = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(Map.of(
                "SAMENBORD_CLUSTER_MEMBERS", "node1:5701,node2:99999", "SAMENBORD_STORE", "postgresql://u:p@db/s")));
        assertTrue(member.getMessage().contains("node2:99999"), member.getMessage());
    }

    @Test
    @DisplayName("CF-1: a cluster without the shared store is refused, naming both variables")
    void clusterNeedsSharedStore() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnv(Map.of("SAMENBORD_CLUSTER_MEMBERS", "127.0.0.1:5701")));
        assertTrue(e.getMessage().contains("SAMENBORD_CLUSTER_MEMBERS") && e.getMessage().contains("SAMENBORD_STORE"), e.getMessage());
        assertTrue(Settings.fromEnv(Map.of("SAMENBORD_CLUSTER_MEMBERS", "127.0.0.1:5701",
                "SAMENBORD_STORE", "postgresql://u:p@127.0.0.1/s")).clustered());
        assertFalse(Settings.defaults().clustered());
    }

    @Test
    @DisplayName("CF-1, CU-10: the member's public address and outbound ports are read and checked")
    void memberAddresses() {
        Map<String, String> cluster = Map.of("SAMENBORD_CLUSTER_MEMBERS", "10.0.0.1:5701,10.0.0.2:5701", "SAMENBORD_STORE", "postgresql://u:p@db/s");
        Settings s = Settings.fromEnv(with(cluster, "SAMENBORD_CLUSTER_PUBLIC_ADDRESS", "203.0.113.7:15701",
                "SAMENBORD_CLUSTER_OUTBOUND_PORTS", "33000-33099, 34000"));
        assertEquals(Optional.of("203.0.113.7:15701"), s.clusterPublicAddress());
        assertEquals(Optional.of("33000-33099, 34000"), s.clusterOutboundPorts());
        assertEquals(Optional.empty(), Settings.fromEnv(cluster).clusterPublicAddress());
        var address = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnv(with(cluster, "SAMENBORD_CLUSTER_PUBLIC_ADDRESS", "203.0.113.7")));
        assertTrue(address.getMessage().contains("SAMENBORD_CLUSTER_PUBLIC_ADDRESS"), address.getMessage());
        var ports = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnv(with(cluster, "SAMENBORD_CLUSTER_OUTBOUND_PORTS", "33000-")));
        assertTrue(ports.getMessage().contains("SAMENBORD_CLUSTER_OUTBOUND_PORTS"), ports.getMessage());
    }

    @Test
    @DisplayName("CU-8: the quorum is a majority of the listed members unless SAMENBORD_CLUSTER_QUORUM says otherwise")
    void quorum() {
        Map<String, String> three = Map.of("SAMENBORD_CLUSTER_MEMBERS", "a:5701,b:5701,c:5701", "SAMENBORD_STORE", "postgresql://u:p@db/s");
        assertEquals(2, Settings.fromEnv(three).clusterQuorumOrMajority());
        assertEquals(3, Settings.fromEnv(Map.of("SAMENBORD_CLUSTER_MEMBERS", "a,b,c,d", "SAMENBORD_STORE", "postgresql://u:p@db/s"))
                .clusterQuorumOrMajority());
        assertEquals(1, Settings.fromEnv(with(three, "SAMENBORD_CLUSTER_QUORUM", "1")).clusterQuorumOrMajority());
        var zero = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(with(three, "SAMENBORD_CLUSTER_QUORUM", "0")));
        assertTrue(zero.getMessage().contains("SAMENBORD_CLUSTER_QUORUM"), zero.getMessage());
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> out = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) out.put(more[i], more[i + 1]);
        return out;
    }

    @Test
    @DisplayName("CF-1: variables with the prefix that the node does not read are reported, others are not")
    void unknownVariablesAreReported() {
        assertEquals(List.of("SAMENBORD_HTTP_PROT"), Settings.unknownVariables(Map.of("SAMENBORD_HTTP_PROT", "1",
                "SAMENBORD_HTTP_PORT", "2", "PATH", "/usr/bin")));
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("RT-1: SAMENBORD_NODE_URL is an http(s) URL or a path; anything else is refused, naming the variable")
    void nodeUrl() {
        assertEquals(java.util.Optional.empty(), Settings.fromEnv(Map.of()).nodeUrl(), "unset: the public URL is used");
        assertEquals("/n/node2", Settings.fromEnv(Map.of("SAMENBORD_NODE_URL", "/n/node2/")).nodeUrl().orElseThrow());
        assertEquals("https://n2.example:8443/bord", Settings.fromEnv(Map.of("SAMENBORD_NODE_URL", "https://n2.example:8443/bord")).nodeUrl().orElseThrow());
        for (String bad : List.of("//evil.example", "n/node2", "javascript:alert(1)", "/n/../x y", "ftp://x")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnv(Map.of("SAMENBORD_NODE_URL", bad)), bad);
            assertTrue(e.getMessage().contains("SAMENBORD_NODE_URL"), e.getMessage());
        }
    }
}
