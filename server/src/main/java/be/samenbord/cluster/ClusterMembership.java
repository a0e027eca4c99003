package be.samenbord.cluster;

import be.samenbord.Settings;
import be.samenbord.store.BatchLog;
import be.samenbord.store.SharedStore;
import be.samenbord.sync.BoardSource;
import be.samenbord.sync.Ownership;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.function.Predicate;

/**
 * This node's place in the Hazelcast cluster (issue "Cluster"): the clustered Vert.x, board
 * ownership, the tails that make acknowledged batches survive a node, and what /health shows.
 */
public final class ClusterMembership {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ClusterMembership.class.getName());

    /** How often ownership is re-checked besides Hazelcast's own events. */
    static final long RECHECK_MS = 1_000;
    /** How often tails of boards that went quiet drop what the shared store has ({@link BoardTails#trimIdle}). */
    static final long TRIM_MS = 1_000;

    private final HazelcastClusterManager manager;
    private final Vertx vertx;
    private final HazelcastInstance hz;
    private final HazelcastOwnership ownership;
    /** Null when nothing can split (one listed member, or SAMENBORD_CLUSTER_QUORUM=1). */
    private final MemberQuorum quorum;
    private BoardTails tails;
    private ClusterBoardSource source;

    private ClusterMembership(HazelcastClusterManager manager, Vertx vertx, MemberQuorum quorum) {
        this.manager = manager;
        this.vertx = vertx;
        this.quorum = quorum;
        this.hz = manager.getHazelcastInstance();
        this.ownership = new HazelcastOwnership(hz, this::hasQuorum);
        // Losing or regaining the quorum changes who owns what (CU-8): act at once, not at the next re-check.
        if (quorum != null) quorum.onChange(ownership::changed);
        if (!ownership.localNode().equals(manager.getNodeId())) {
            throw new IllegalStateException("event bus node id " + manager.getNodeId() + " is not the member id " + ownership.localNode());
        }
    }

    /** Starts a clustered Vert.x and joins the members listed in the settings. Blocks. */
    public static ClusterMembership join(Settings settings, VertxOptions options) {
        MemberQuorum quorum = HazelcastSetup.quorumOf(settings);
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.config(settings, quorum));
        // The event bus between nodes is as unauthenticated as Hazelcast: it listens on the member
        // network only (rule CU-10), on a port of its own choosing.
        String bind = HazelcastSetup.bindAddress(settings);
        options.getEventBusOptions().setHost(bind).setClusterPublicHost(bind);
        Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered().await();
        try {
            ClusterMembership m = new ClusterMembership(manager, vertx, quorum);
            m.hearLeaving().await();
            return m;
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static final String LEAVING = "samenbord.leaving.";
    private static final long LEAVING_TIMEOUT_MS = 2_000;

    /** Other members saying they stop (rule CU-8): from their removal on, they no longer count. */
    private io.vertx.core.Future<Void> hearLeaving() {
        return vertx.eventBus().<String>consumer(LEAVING + nodeId(), m -> {
            if (quorum != null) quorum.leaving(m.body());
            m.reply("ok");
        }).completion();
    }

    /**
     * A graceful stop, before this member leaves: tells every other member, and waits for their
     * answers (at most 2 s), so the members left behind stop counting it once it is gone and keep
     * their quorum (CU-8). A member that does not hear it keeps counting this one: the safe side.
     */
    public void announceLeaving() {
        String me = MemberQuorum.address(hz.getCluster().getLocalMember());
        List<io.vertx.core.Future<?>> told = new java.util.ArrayList<>();
        for (String node : nodeIds()) {
            if (node.equals(nodeId())) continue;
            told.add(vertx.eventBus().request(LEAVING + node, me, new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(LEAVING_TIMEOUT_MS))
                    .onFailure(e -> LOG.warning("member " + node + " did not hear that this member leaves: " + e.getMessage())));
        }
        io.vertx.core.Future.join(told).otherwiseEmpty().await();
    }

    /**
     * Whether this side of the cluster may take batches now (CU-8); always true when nothing can
     * split. The member list is asked too: Hazelcast updates the protection's state a moment after
     * a member is removed, and in that moment this side must already count as without a quorum.
     */
    public boolean hasQuorum() {
        return quorum == null || hz.getCluster().getMembers().size() >= quorum.required()
                && hz.getSplitBrainProtectionService().getSplitBrainProtection(HazelcastSetup.QUORUM).hasMinimumSize();
    }

    /** Members this side needs to take batches (CU-8). */
    public int quorumNeeded() {
        return quorum == null ? 1 : quorum.required();
    }

    /** The address other members reach this node on (SAMENBORD_CLUSTER_HOST or its default). */
    public static String host(Settings settings) {
        return HazelcastSetup.host(settings);
    }

    /**
     * Keeps boards in {@code store}, the one every member shares; {@code backlogBound}: batches this
     * node holds in tails but not in the store before it refuses new ones (rule CU-11). Call once, before serving.
     */
    public void useStore(SharedStore store, int backlogBound) {
        this.tails = new BoardTails(hz, store, backlogBound);
        this.source = new ClusterBoardSource(tails, store, this::hasQuorum);
    }

    /** True on the member that has been in the cluster longest (it makes the first-start demo). */
    public boolean oldest() {
        return hz.getCluster().getMembers().iterator().next().localMember();
    }

    /**
     * Re-checks ownership every second and writes out orphaned tails after members change;
     * {@code servedHere} says whether this node holds a board's hub.
     */
    public void startHousekeeping(Predicate<String> servedHere) {
        vertx.setPeriodic(RECHECK_MS, t -> ownership.changed());
        vertx.setPeriodic(TRIM_MS, t -> {
            tails.retryUnpersisted();
            tails.trimIdle();
        });
        ownership.onNodeLeft(node -> vertx.executeBlocking(() -> {
            // A side without a quorum cannot read the tails; the side with one writes them out.
            if (hasQuorum()) tails.persistOrphans(servedHere);
            return null;
        }, false).onFailure(e -> LOG.log(java.util.logging.Level.WARNING, "writing out the tails of boards whose owner left failed", e)));
    }

    public Vertx vertx() {
        return vertx;
    }

    public Ownership ownership() {
        return ownership;
    }

    public BatchLog log() {
        return tails;
    }

    /** Batches this node appended to tails that the shared store does not have yet (rule OB-1). */
    public long unpersisted() {
        return tails == null ? 0 : tails.unpersisted();
    }

    public BoardSource boards() {
        return source;
    }

    public String nodeId() {
        return manager.getNodeId();
    }

    /** Every member's node id. */
    public List<String> nodeIds() {
        return hz.getCluster().getMembers().stream().map(HazelcastOwnership::nodeIdOf).toList();
    }

    /** Members as {@code host:port} of their Hazelcast endpoint, this one marked; for /health. */
    public List<MemberInfo> members() {
        return hz.getCluster().getMembers().stream().map(ClusterMembership::info).toList();
    }

    public record MemberInfo(String id, String address, boolean local) {
    }

    private static MemberInfo info(Member m) {
        return new MemberInfo(HazelcastOwnership.nodeIdOf(m), m.getAddress().getHost() + ":" + m.getAddress().getPort(), m.localMember());
    }

    /** Makes this node's URL known to the others (redirects, RT-1; web clients fail over along the list, CU-7). */
    public void advertise(String nodeUrl) {
        hz.getReplicatedMap(NODE_URLS).put(nodeId(), nodeUrl);
    }

    /** The node URLs of the current members (a replicated map: a local read). */
    public List<String> nodeUrls() {
        var urls = hz.<String, String>getReplicatedMap(NODE_URLS);
        return nodeIds().stream().map(urls::get).filter(java.util.Objects::nonNull).distinct().toList();
    }

    static final String NODE_URLS = "samenbord.node-urls";

    public String clusterName() {
        return hz.getConfig().getClusterName();
    }
}
