package be.samenbord.cluster;

import be.samenbord.Settings;
import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.testkit.Poll;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CU-4's trim: a batch the shared store committed leaves the tail with the board's next append,
 * or, once the board is quiet, with {@link BoardTails#trimIdle}. One Hazelcast member in this JVM,
 * a store that commits at once.
 */
class BoardTailsTrimTest {

    private static final String REPLICA = "replica-trim-001";
    private HazelcastInstance hz;

    @AfterEach
    void stop() {
        if (hz != null) hz.getLifecycleService().terminate();
    }

    @Test
    @DisplayName("each append drops what the store has; a quiet board is trimmed by the second trimIdle")
    void trimsWithAppendsThenWhenQuiet() throws Exception {
        start();
        StubStore store = new StubStore(true);
        BoardTails tails = new BoardTails(hz, store, 50_000);
        String board = "board-trim";
        await(tails.init(board, 0));
        for (long seq = 1; seq <= 3; seq++) await(tails.append(board, batch(seq)));
        Tail tail = await(tails.read(board));
        assertEquals(3, tail.lastSeq());
        assertEquals(1, tail.pending().size(), "seqs 1 and 2 were dropped by the appends after them");
        assertEquals(3, tail.seqAt(0));

        tails.trimIdle(); // an append went out since the last call: its next append would trim
        assertEquals(1, await(tails.read(board)).pending().size());
        tails.trimIdle(); // quiet since: trimmed now
        Poll.until("the quiet board's tail is trimmed", Duration.ofSeconds(30),
                () -> await(tails.read(board)).pending().isEmpty());
        assertEquals(3, await(tails.read(board)).lastSeq(), "the fence stays where it was");
        assertEquals(3, store.appends.get());
    }

    @Test
    @DisplayName("batches that arrive while an append is in flight go together in the next one, in seq order")
    void groupsWhileInFlight() {
        start();
        BoardTails tails = new BoardTails(hz, new StubStore(false), 50_000);
        String board = "board-group";
        await(tails.init(board, 0));
        List<CompletableFuture<Void>> acks = new java.util.ArrayList<>();
        for (long seq = 1; seq <= 300; seq++) acks.add(tails.append(board, batch(seq)));
        acks.forEach(BoardTailsTrimTest::await);
        Tail tail = await(tails.read(board));
        assertEquals(300, tail.lastSeq());
        for (int i = 0; i < 300; i++) assertEquals("batch-" + (i + 1), be.samenbord.store.Records.readBatch(tail.pending().get(i)).batch());
        long calls = tails.appendCalls();
        assertTrue(calls >= 300 / BoardTails.MAX_GROUP && calls < 300, "300 appends were grouped into " + calls + " calls");
    }

    private void start() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(Settings.fromEnv(Map.of(
                "SAMENBORD_CLUSTER_MEMBERS", "127.0.0.1:" + port, "SAMENBORD_CLUSTER_PORT", String.valueOf(port),
                "SAMENBORD_CLUSTER_NAME", "trim-test-" + UUID.randomUUID(), "SAMENBORD_STORE", "postgresql://u:p@127.0.0.1:1/none"))));
    }

    private static AcceptedBatch batch(long seq) {
        return new AcceptedBatch(seq, REPLICA, "batch-" + seq,
                List.of(new Op("note-" + seq, "text", "\"n\"", new Stamp(1_700_000_000_000L + seq, 0, REPLICA))));
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
