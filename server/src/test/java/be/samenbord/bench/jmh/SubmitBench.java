package be.samenbord.bench.jmh;

import be.samenbord.board.BoardState;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@link BoardState#submit} of new 5-op batches (5 fields of one note, newer stamps, so every batch
 * is accepted) on a board of 2,000 notes × 6 fields whose dedup window (10,000 batch ids) and
 * recent-ops log (half its 12,000 registers, HE-4) are already full, so each submit also looks up, adds and evicts a
 * window entry and trims the log. One thread. Score = field ops per second; batches per second
 * is the score / {@value #OPS}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SubmitBench {

    static final int OPS = 5;
    /** Batches per invocation, prepared outside the measurement. */
    static final int BATCHES = 200;

    private BoardState board;
    private String[] itemIds;
    private String[] replicas;
    private Random random;
    private long clock;
    private long batchNo;
    private final String[] batchReplicas = new String[BATCHES];
    private final String[] batchIds = new String[BATCHES];
    private final List<List<Op>> batches = new ArrayList<>(BATCHES);

    @Setup(Level.Trial)
    public void board() {
        random = new Random(7);
        itemIds = BenchData.itemIds(random, BenchData.NOTES);
        replicas = new String[20];
        for (int i = 0; i < replicas.length; i++) replicas[i] = BenchData.replica(random);
        board = new BoardState("board-bench", "three-b");
        clock = BenchData.BASE_MS;
        for (String id : itemIds) {
            String replica = replicas[random.nextInt(replicas.length)];
            List<Op> ops = new ArrayList<>();
            for (String f : BenchData.FIELDS) ops.add(new Op(id, f, BenchData.value(f, random), new Stamp(++clock, 0, replica)));
            board.submit(replica, "b-" + (++batchNo), ops);
        }
        // Fill the dedup window and the recent-ops log the way a busy board has them.
        for (int i = 0; i <= BoardState.DEDUP_WINDOW / BATCHES; i++) {
            nextBatch();
            for (int b = 0; b < BATCHES; b++) board.submit(batchReplicas[b], batchIds[b], batches.get(b));
        }
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        batches.clear();
        for (int b = 0; b < BATCHES; b++) {
            String replica = replicas[random.nextInt(replicas.length)];
            String item = itemIds[random.nextInt(itemIds.length)];
            List<Op> ops = new ArrayList<>(OPS);
            for (int i = 1; i <= OPS; i++) {
                String field = BenchData.FIELDS[i];
                ops.add(BenchData.freshOp(item, field, BenchData.value(field, random), new Stamp(++clock, 0, replica)));
            }
            batchReplicas[b] = BenchData.fresh(replica);
            batchIds[b] = "b-" + (++batchNo);
            batches.add(ops);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES * OPS)
    public void submit(Blackhole bh) {
        for (int b = 0; b < BATCHES; b++) {
            bh.consume(board.submit(batchReplicas[b], batchIds[b], batches.get(b)));
        }
    }
}
