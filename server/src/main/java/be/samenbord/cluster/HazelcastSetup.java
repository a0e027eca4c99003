package be.samenbord.cluster;

import be.samenbord.Settings;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The Hazelcast member configuration of a node (STACK.md "Hazelcast with Vert.x 5"): TCP-IP join
 * with the listed members only, no multicast or auto-detection, no phone-home, and the tails map
 * with one synchronous backup.
 */
final class HazelcastSetup {

    /** Seconds between member heartbeats, and of silence after which a member counts as dead. */
    static final int HEARTBEAT_SECONDS = 1;
    static final int DEAD_AFTER_SECONDS = 8;

    private HazelcastSetup() {
    }

    static Config config(Settings s) {
        // loadConfig carries the __vertx.* maps the event bus needs.
        Config cfg = ConfigUtil.loadConfig();
        cfg.setClusterName(s.clusterName());
        cfg.setProperty("hazelcast.phone.home.enabled", "false");
        cfg.setProperty("hazelcast.wait.seconds.before.join", "0");
        cfg.setProperty("hazelcast.logging.type", "jdk");
        cfg.setProperty("hazelcast.shutdownhook.enabled", "false"); // Node.stop leaves the cluster itself
        cfg.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT_SECONDS));
        cfg.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(DEAD_AFTER_SECONDS));
        NetworkConfig net = cfg.getNetworkConfig();
        net.setPort(s.clusterPort()).setPortAutoIncrement(false);
        String host = host(s);
        if (isAddress(host)) {
            cfg.setProperty("hazelcast.local.localAddress", host);
        } else {
            net.setPublicAddress(host + ":" + s.clusterPort());
        }
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(s.clusterMembers());
        // OBJECT: the tail's entry processors work on the stored Tail itself. With BINARY every
        // append and trim deserialized and re-serialized the whole Tail (Java serialization), on the
        // owner and again on the backup: the largest share of a node's CPU and allocation in the
        // benchmark's S1. Tail is immutable, so handing the stored object to a processor is safe.
        cfg.addMapConfig(new MapConfig(BoardTails.MAP).setBackupCount(1).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT));
        return cfg;
    }

    /** SAMENBORD_CLUSTER_HOST, else loopback when every member is on loopback, else this host's address. */
    static String host(Settings s) {
        if (s.clusterHost().isPresent()) return s.clusterHost().get();
        boolean loopback = s.clusterMembers().stream().allMatch(m -> m.startsWith("127.") || m.startsWith("localhost"));
        if (loopback) return "127.0.0.1";
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot tell this host's address; set SAMENBORD_CLUSTER_HOST", e);
        }
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
