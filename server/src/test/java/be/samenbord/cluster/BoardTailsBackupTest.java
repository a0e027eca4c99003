package be.samenbord.cluster;

import be.samenbord.Settings;
import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.store.Records;
import be.samenbord.testkit.Poll;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * DU-1 in a cluster: a batch {@link BoardTails} acknowledged is on the partition's backup before
 * the owner says so, so killing the owner the moment the acks are in loses none of them. Two real
 * Hazelcast members in this JVM; the shared store never answers, so nothing is trimmed and the
 * tail is the only copy.
 */
class BoardTailsBackupTest {

    private static final String REPLICA = "replica-backup-01";
    private static final long WAIT_SECONDS = 30;

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        for (HazelcastInstance hz : members) hz.getLifecycleService().terminate();
    }

    @Test
    @DisplayName("200 acknowledged appends survive a hard kill of the owner, in order; the survivor still fences seqs")
    void acknowledgedAppendsSurviveTheOwnersDeath() throws Exception {
        int portA = be.samenbord.testkit.MemberPorts.free();
        int portB = be.samenbord.testkit.MemberPorts.free();
        String cluster = "tails-test-" + UUID.randomUUID();
        HazelcastInstance a = start(cluster, portA, portA, portB);
        HazelcastInstance b = start(cluster, portB, portA, portB);
        Poll.until("both members see each other", Duration.ofSeconds(WAIT_SECONDS),
                () -> a.getCluster().getMembers().size() == 2 && b.getCluster().getMembers().size() == 2);
        String board = boardOwnedBy(a);
        // An async backup would usually pass what follows too (it tends to land before the kill),
        // so the setting itself is checked: the ack waits for one backup.
        var tailsConfig = a.getConfig().findMapConfig(BoardTails.MAP);
        assertEquals(1, tailsConfig.getBackupCount(), "one synchronous backup");
        assertEquals(0, tailsConfig.getAsyncBackupCount(), "no asynchronous backup instead");

        StubStore store = new StubStore(false);
        BoardTails onA = new BoardTails(a, store, 50_000);
        assertEquals(new Tail(0, List.of()), await(onA.init(board, 0)));
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (long seq = 1; seq <= 200; seq++) acks.add(onA.append(board, batch(seq)));
        await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        assertEquals(200, store.appends.get(), "every acknowledged batch went on to the shared store");

        a.getLifecycleService().terminate();
        Poll.until("B sees A gone", Duration.ofSeconds(WAIT_SECONDS), () -> b.getCluster().getMembers().size() == 1);

        Tail tail = b.<String, Tail>getMap(BoardTails.MAP).get(board);
        assertNotNull(tail, "the backup holds the board's tail");
        assertEquals(200, tail.lastSeq());
        assertEquals(200, tail.pending().size(), "nothing was trimmed: the store never confirmed");
        for (int i = 0; i < 200; i++) {
            AcceptedBatch back = Records.readBatch(tail.pending().get(i));
            assertEquals(i + 1, back.seq(), "pending record " + i);
            assertEquals(i + 1, tail.seqAt(i));
            assertEquals(batch(i + 1), back);
        }

        // The fence on the survivor: a node that still thinks seq 150 is free is refused; 201 is next.
        BoardTails onB = new BoardTails(b, store, 50_000);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> await(onB.append(board, batch(150))));
        assertInstanceOf(IllegalStateException.class, refused.getCause(), "refused by the fence");
        await(onB.append(board, batch(201)));
        Tail after = await(onB.read(board));
        assertEquals(201, after.lastSeq());
        assertEquals(201, after.pending().size());
        assertEquals(201, Records.readBatch(after.pending().get(200)).seq());
    }

    private HazelcastInstance start(String cluster, int port, int portA, int portB) {
        Settings settings = Settings.fromEnv(Map.of(
                "SAMENBORD_CLUSTER_MEMBERS", "127.0.0.1:" + portA + ",127.0.0.1:" + portB,
                "SAMENBORD_CLUSTER_PORT", String.valueOf(port),
                "SAMENBORD_CLUSTER_NAME", cluster,
                // Two members: by default (a majority, CU-8) the survivor of a kill would refuse
                // everything. This test is about the backup, so one member may serve alone.
                "SAMENBORD_CLUSTER_QUORUM", "1",
                "SAMENBORD_STORE", "postgresql://u:p@127.0.0.1:1/none"));
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(settings));
        members.add(hz);
        return hz;
    }

    /** A board id whose partition {@code hz} owns, once partitions have settled (backups in place). */
    private static String boardOwnedBy(HazelcastInstance hz) {
        hz.getPartitionService().getPartition("warm-up").getOwner(); // assigns the partitions
        Poll.until("partitions migrated and backed up", Duration.ofSeconds(WAIT_SECONDS),
                () -> hz.getPartitionService().isClusterSafe());
        for (int i = 0; i < 10_000; i++) {
            String id = "board-" + i;
            Partition p = hz.getPartitionService().getPartition(id);
            if (p.getOwner() != null && p.getOwner().localMember()) return id;
        }
        throw new AssertionError("no board id owned by " + hz.getCluster().getLocalMember());
    }

    private static AcceptedBatch batch(long seq) {
        long ms = 1_700_000_000_000L + seq;
        return new AcceptedBatch(seq, REPLICA, "batch-" + seq, List.of(
                new Op("note-" + seq, "text", "\"note " + seq + "\"", new Stamp(ms, 0, REPLICA)),
                new Op("note-" + seq, "pos", "{\"x\":" + seq + ",\"y\":2}", new Stamp(ms, 1, REPLICA))));
    }

    private static <T> T await(CompletableFuture<T> f) throws ExecutionException, InterruptedException, TimeoutException {
        return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

}
