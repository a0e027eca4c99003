package be.samenbord.cluster;

import be.samenbord.Settings;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.SplitBrainProtectionListenerConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The Hazelcast member configuration of a node (STACK.md "Hazelcast with Vert.x 5"): TCP-IP join
 * with the listed members only, no multicast or auto-detection, no phone-home; the member port
 * speaks only the member protocol (no client endpoint) and listens on SAMENBORD_CLUSTER_HOST only
 * (Hazelcast open source has no member authentication or TLS, so the member network must stay
 * private, rule CU-10); the tails map with one synchronous
 * backup, refused on a side of a split cluster without a quorum (CU-8).
 */
final class HazelcastSetup {

    /** Seconds between member heartbeats, and of silence after which a member counts as dead. */
    static final int HEARTBEAT_SECONDS = 1;
    static final int DEAD_AFTER_SECONDS = 8;
    /** How long an append waits for its backup before it fails: longer than a member may stay silent. */
    static final long BACKUP_TIMEOUT_MS = (DEAD_AFTER_SECONDS + 2) * 1000L;
    /** How soon and how often the oldest member looks for a split-off part to merge back (Hazelcast: 300 s, 120 s). */
    static final int MERGE_CHECK_SECONDS = 5;
    /** Name of the split-brain protection on the tails map. */
    static final String QUORUM = "samenbord-quorum";

    private HazelcastSetup() {
    }

    static Config config(Settings s) {
        return config(s, quorumOf(s));
    }

    /** The quorum function a member with these settings uses (null: one listed member, nothing can split). */
    static MemberQuorum quorumOf(Settings s) {
        return s.clusterQuorumOrMajority() < 2 ? null
                : new MemberQuorum(s.clusterMembers().size(), s.clusterQuorum().orElse(0));
    }

    static Config config(Settings s, MemberQuorum quorum) {
        // loadConfig carries the __vertx.* maps the event bus needs.
        Config cfg = ConfigUtil.loadConfig();
        cfg.setClusterName(s.clusterName());
        cfg.setProperty("hazelcast.phone.home.enabled", "false");
        cfg.setProperty("hazelcast.wait.seconds.before.join", "0");
        cfg.setProperty("hazelcast.logging.type", "jdk");
        cfg.setProperty("hazelcast.shutdownhook.enabled", "false"); // Node.stop leaves the cluster itself
        cfg.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT_SECONDS));
        cfg.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(DEAD_AFTER_SECONDS));
        cfg.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_CHECK_SECONDS));
        cfg.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_CHECK_SECONDS));
        // An owner whose backup never answered must not report success: cut off from the member
        // holding its backup, it would acknowledge batches that only it has (CU-8). And it must
        // not give up before it can have noticed that it is cut off (a silent cut shows only as
        // missing heartbeats): a hub whose append failed reloads the board, and a reload before
        // the quorum is seen lost would replay (and write to PostgreSQL) the owner's own copy of
        // the tail, with the append its backup never got.
        cfg.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        cfg.setProperty("hazelcast.operation.backup.timeout.millis", String.valueOf(BACKUP_TIMEOUT_MS));
        asyncBackupsForVertx(cfg);
        // The member port listens on SAMENBORD_CLUSTER_HOST only; outgoing connections may start
        // from any local address (a public address behind a NAT is not one of this host's).
        cfg.setProperty("hazelcast.socket.bind.any", "false");
        cfg.setProperty("hazelcast.socket.client.bind.any", "true");
        network(cfg, s);
        MapConfig tails = new MapConfig(BoardTails.MAP).setBackupCount(1).setAsyncBackupCount(0)
                // OBJECT: the tail's entry processors work on the stored Tail itself. With BINARY every
                // append and trim deserialized and re-serialized the whole Tail (Java serialization), on the
                // owner and again on the backup: the largest share of a node's CPU and allocation in the
                // benchmark's S1. Tail is immutable, so handing the stored object to a processor is safe.
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                // After a split heals, the side that merges in (the smaller, which could not take
                // batches) keeps only tails the other side does not have: what the majority
                // acknowledged always wins (CU-8).
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
        if (quorum != null) {
            cfg.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true, Math.max(2, s.clusterQuorumOrMajority()))
                    .setProtectOn(SplitBrainProtectionOn.READ_WRITE)
                    .setFunctionImplementation(quorum)
                    .addListenerConfig(new SplitBrainProtectionListenerConfig(event -> quorum.changed())));
            tails.setSplitBrainProtectionName(QUORUM);
        }
        cfg.addMapConfig(tails);
        return cfg;
    }

    /**
     * Vert.x's own maps (event-bus subscriptions, node infos) back up asynchronously. With
     * fail.on.indeterminate.state a synchronous backup whose ack was lost while partitions migrate
     * (every join moves them) failed a joining node's consumer registration, and with it the node's
     * start (NetworkPartitionIT in CI, 2026-12-07). Each node writes these entries once, when it
     * starts; an asynchronous copy can lose only a write from the last moment before a member dies.
     */
    private static void asyncBackupsForVertx(Config cfg) {
        cfg.getMultiMapConfig("__vertx.subs").setBackupCount(0).setAsyncBackupCount(1);
        for (String map : java.util.List.of("__vertx.haInfo", "__vertx.nodeInfo")) {
            cfg.getMapConfig(map).setBackupCount(0).setAsyncBackupCount(1);
        }
    }

    /**
     * The member endpoint only (advanced networking, open source): the port speaks the member
     * protocol and nothing else, so a plain Hazelcast client, which needs no credentials, cannot
     * connect at all (rule CU-10). It listens on SAMENBORD_CLUSTER_HOST only (never 0.0.0.0), is
     * reached there or at SAMENBORD_CLUSTER_PUBLIC_ADDRESS, and opens its member connections from
     * SAMENBORD_CLUSTER_OUTBOUND_PORTS when set.
     */
    private static void network(Config cfg, Settings s) {
        String host = host(s);
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
        member.setPort(s.clusterPort()).setPortAutoIncrement(false);
        member.setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(bindAddress(s)));
        if (s.clusterPublicAddress().isPresent()) {
            member.setPublicAddress(s.clusterPublicAddress().get());
        } else if (!isAddress(host)) {
            member.setPublicAddress(host + ":" + s.clusterPort());
        }
        s.clusterOutboundPorts().ifPresent(ports -> {
            for (String range : ports.split(",")) member.addOutboundPortDefinition(range.strip());
        });
        AdvancedNetworkConfig net = cfg.getAdvancedNetworkConfig().setEnabled(true).setMemberEndpointConfig(member);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(s.clusterMembers());
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

    /** The IP address the member port and the event bus listen on: SAMENBORD_CLUSTER_HOST, resolved. */
    static String bindAddress(Settings s) {
        String host = host(s);
        if (isAddress(host)) return host;
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("SAMENBORD_CLUSTER_HOST " + host + " does not resolve to an address of this host", e);
        }
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
