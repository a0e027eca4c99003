package be.samenbord.bench.jmh;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The CRDT merge: {@link Items#applyAll} of field ops onto a board of 2,000 notes × 6 fields, one
 * thread. Score = field ops per second. Each invocation applies a fresh batch of {@value #BATCH}
 * ops on random (note, field) pairs, built outside the measurement: {@code win} ops carry newer
 * stamps than the board (each replaces a register), {@code lose} ops older ones (each is dropped),
 * {@code mix} half and half at random.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MergeBench {

    /** Ops per invocation: large enough that the per-invocation timestamps cost well under 1 %. */
    static final int BATCH = 1_000;

    @Param({"win", "lose", "mix"})
    public String outcome;

    private Items items;
    private String[] itemIds;
    private String[] replicas;
    private Random random;
    private long clock;
    private List<Op> batch;

    @Setup(Level.Trial)
    public void board() {
        random = new Random(42);
        itemIds = BenchData.itemIds(random, BenchData.NOTES);
        replicas = new String[20];
        for (int i = 0; i < replicas.length; i++) replicas[i] = BenchData.replica(random);
        items = new Items();
        for (String id : itemIds) {
            for (String f : BenchData.FIELDS) {
                Stamp s = new Stamp(BenchData.BASE_MS, 0, replicas[random.nextInt(replicas.length)]);
                items.apply(new Op(id, f, BenchData.value(f, random), s));
            }
        }
        clock = BenchData.BASE_MS;
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        List<Op> ops = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            boolean win = switch (outcome) {
                case "win" -> true;
                case "lose" -> false;
                default -> random.nextBoolean();
            };
            String field = BenchData.FIELDS[random.nextInt(BenchData.FIELDS.length)];
            String replica = replicas[random.nextInt(replicas.length)];
            Stamp stamp = win
                    ? new Stamp(++clock, 0, replica)
                    : new Stamp(BenchData.BASE_MS - 1 - random.nextInt(60_000), random.nextInt(3), replica);
            ops.add(BenchData.freshOp(itemIds[random.nextInt(itemIds.length)], field, BenchData.value(field, random), stamp));
        }
        batch = ops;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void applyAll(Blackhole bh) {
        bh.consume(items.applyAll(batch));
    }
}
