package be.samenbord.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * When one side of a split cluster may order batches (rule CU-8): only a side with a majority of
 * the members that may exist, so two sides can never both acknowledge batches of one board.
 * Hazelcast asks {@link #apply} on every membership change and every heartbeat interval; the tails
 * map refuses reads and writes while it says no.
 *
 * <p>The members that may exist are the listed ones, or more if more were ever seen, minus those
 * that said they were leaving (SIGTERM, {@link #leaving}) and have not come back. A member that
 * died or was cut off still counts: it may be serving the other side. Why leaving members may be
 * dropped: a member's leave is only heard on its own side, so if sides P1 and P2 split with s1 and
 * s2 members still up and the rest gone from them by leaving, P1 needs s1 > (n - (p1 - s1)) / 2,
 * that is s1 > n - p1 >= p2 >= s2, and P2 likewise s2 > s1: both cannot hold.
 *
 * <p>With a fixed {@code SAMENBORD_CLUSTER_QUORUM} the count is that number, nothing else.
 */
final class MemberQuorum implements SplitBrainProtectionFunction {

    private static final Logger LOG = Logger.getLogger(MemberQuorum.class.getName());

    private final int listed;
    private final int fixed;
    /** Addresses ({@code host:port}) of every member this one has seen. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    /**
     * Addresses of members that said they were leaving, with whether they have been gone from the
     * member list since; one that is back after that counts again.
     */
    private final Map<String, Boolean> left = new ConcurrentHashMap<>();
    private volatile boolean present;

    /**
     * @param listed members in SAMENBORD_CLUSTER_MEMBERS
     * @param fixed  SAMENBORD_CLUSTER_QUORUM, or 0 for a majority of the members that may exist
     */
    MemberQuorum(int listed, int fixed) {
        this.listed = listed;
        this.fixed = fixed;
    }

    @Override
    public boolean apply(Collection<Member> members) {
        Set<String> now = new HashSet<>();
        for (Member m : members) now.add(address(m));
        return present(now);
    }

    /** Whether a side with these members ({@code host:port}) may take batches; remembers what it saw. */
    boolean present(Set<String> now) {
        seen.addAll(now);
        left.replaceAll((address, gone) -> gone || !now.contains(address));
        left.entrySet().removeIf(e -> e.getValue() && now.contains(e.getKey())); // back again: it counts
        boolean enough = now.size() >= required();
        if (enough != present) {
            LOG.info(enough ? "cluster quorum reached: " + now.size() + " members, " + required() + " needed; boards are served"
                    : "cluster quorum lost: " + now.size() + " members, " + required()
                    + " needed; this side takes no batches until the cluster is whole again (CU-8)");
            present = enough;
        }
        return enough;
    }

    /** Members needed now. */
    int required() {
        if (fixed > 0) return fixed;
        int mayExist = Math.max(listed, seen.size()) - left.size();
        return Math.max(1, mayExist / 2 + 1);
    }

    private volatile Runnable onChange = () -> { };

    /** Called after this side gained or lost its quorum (Hazelcast's split-brain protection event). */
    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Hazelcast reports a change of the quorum (its state is updated by then). */
    void changed() {
        onChange.run();
    }

    /** A member said it is leaving (graceful stop): from its removal on, it no longer counts. */
    void leaving(String address) {
        left.putIfAbsent(address, false);
    }

    /** Whether this side had a quorum at the last check. */
    boolean present() {
        return present;
    }

    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }
}
