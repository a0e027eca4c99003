package be.samenbord.bench.jmh;

import be.samenbord.board.Stamp;
import be.samenbord.board.text.TextField;
import be.samenbord.board.text.TextOp;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The text CRDT (PROTOCOL TX-1..TX-4), one thread. {@code type}: characters typed one at a time
 * into a field of {@code size} characters (the editor's own insert: position to id, op, apply), at
 * its end or at random places. {@code merge}: the same characters typed by someone else, applied as
 * they arrive. Score = characters per second. Memory per character: {@link TextMemoryBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TextBench {

    static final int CHARS = 1_000;
    static final String WORDS = "samen werken aan gezond werk in de zorg met een buddy voor nieuwe collega's ";

    @Param({"1000", "10000"})
    public int size;

    @Param({"end", "random"})
    public String where;

    private TextField base;
    private TextField field;
    private List<TextOp> remote;
    private Random random;
    private long ms;

    static TextField filled(int size, Random r) {
        TextField f = new TextField();
        long ms = 1;
        StringBuilder b = new StringBuilder();
        while (b.length() < size) b.append(WORDS);
        // Written as a few pastes by a few people, so the field holds several runs as real ones do.
        for (int at = 0; at < size; at += 500) {
            String piece = b.substring(at, Math.min(size, at + 500));
            f.apply(f.insertAt(r.nextInt(f.length() + 1), piece, new Stamp(ms++, 0, "writer" + (at / 500 % 4) + "xx")));
        }
        return f;
    }

    @Setup(Level.Trial)
    public void field() {
        random = new Random(7);
        base = filled(size, random);
        TextField other = base.copy();
        remote = new ArrayList<>(CHARS);
        int pos = "end".equals(where) ? other.length() : random.nextInt(other.length());
        for (int i = 0; i < CHARS; i++) {
            TextOp op = other.insertAt(pos++, String.valueOf(WORDS.charAt(i % WORDS.length())), new Stamp(1_000_000 + i, 0, "remote01"));
            other.apply(op);
            remote.add(op);
        }
    }

    @Setup(Level.Invocation)
    public void fresh() {
        field = base.copy();
        ms = 10_000_000;
    }

    @Benchmark
    @OperationsPerInvocation(CHARS)
    public TextField type() {
        int pos = "end".equals(where) ? field.length() : random.nextInt(field.length());
        for (int i = 0; i < CHARS; i++) {
            field.apply(field.insertAt(pos++, String.valueOf(WORDS.charAt(i % WORDS.length())), new Stamp(ms++, 0, "local001")));
        }
        return field;
    }

    @Benchmark
    @OperationsPerInvocation(CHARS)
    public TextField merge() {
        for (TextOp op : remote) field.apply(op);
        return field;
    }

    /** 10,000 characters after 1,000 edits: typing bursts in random places, pastes, deletes. */
    static TextField edited(Random r) {
        TextField f = filled(9_000, r);
        long ms = 100;
        for (int e = 0; e < 1_000; e++) {
            String who = "editor" + (e % 6) + "x";
            int kind = r.nextInt(10);
            if (kind < 2 && f.length() > 20) {
                int at = r.nextInt(f.length() - 10);
                f.apply(f.deleteAt(at, 1 + r.nextInt(8), new Stamp(ms++, 0, who)));
            } else {
                int at = r.nextInt(f.length() + 1);
                int n = kind == 9 ? 20 : 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) f.apply(f.insertAt(at + i, String.valueOf(WORDS.charAt(r.nextInt(WORDS.length()))), new Stamp(ms++, 0, who)));
            }
        }
        while (f.length() < 10_000) f.apply(f.insertAt(f.length(), "x", new Stamp(ms++, 0, "filler01")));
        return f;
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
