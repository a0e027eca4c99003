package be.samenbord.cluster;

import be.samenbord.sync.Ownership;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Board ownership from Hazelcast: a board's owner is the owner of the partition its id hashes to
 * (the same partition as its tail, so the owner appends to a local map entry). Node ids are the
 * Vert.x cluster manager's, which it keeps as a member attribute; the event bus addresses use them.
 */
final class HazelcastOwnership implements Ownership {

    private static final Logger LOG = Logger.getLogger(HazelcastOwnership.class.getName());

    private final HazelcastInstance hz;
    private final String localNode;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> leftListeners = new CopyOnWriteArrayList<>();

    /** Whether this side of the cluster has a quorum (CU-8); without one it owns nothing. */
    private final java.util.function.BooleanSupplier quorum;

    HazelcastOwnership(HazelcastInstance hz, java.util.function.BooleanSupplier quorum) {
        this.hz = hz;
        this.quorum = quorum;
        this.localNode = nodeIdOf(hz.getCluster().getLocalMember());
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                changed();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                String node = nodeIdOf(e.getMember());
                leftListeners.forEach(l -> safely(() -> l.accept(node)));
                changed();
            }
        });
        hz.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
                changed();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                if (event.getReplicaIndex() == 0) changed();
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                changed();
            }
        });
    }

    @Override
    public String localNode() {
        return localNode;
    }

    /**
     * Null on a side of a split cluster without a quorum (CU-8): its nodes serve no board and keep
     * no hub (the hubs they had are dropped, so none survives the merge with a stale state), and
     * sessions relayed to them are closed, until the cluster is whole again.
     */
    @Override
    public String ownerOf(String boardId) {
        if (!quorum.getAsBoolean()) return null;
        Member owner = hz.getPartitionService().getPartition(boardId).getOwner();
        return owner == null ? null : nodeIdOf(owner);
    }

    @Override
    public java.util.Optional<String> urlOf(String node) {
        return java.util.Optional.ofNullable(hz.<String, String>getReplicatedMap(ClusterMembership.NODE_URLS).get(node));
    }

    /** A member's node id on the event bus: the Vert.x cluster manager keeps it as a member attribute. */
    static String nodeIdOf(Member m) {
        String id = m.getAttribute(VERTX_NODE_ID);
        return id != null ? id : m.getUuid().toString();
    }

    private static final String VERTX_NODE_ID = "__vertx.nodeId";

    @Override
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    @Override
    public void onNodeLeft(Consumer<String> listener) {
        leftListeners.add(listener);
    }

    /** Also called on a timer: a promotion after a member died does not always report as a migration. */
    void changed() {
        changeListeners.forEach(l -> safely(l));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ownership listener failed", e);
        }
    }
}
