package be.samenbord.bench.jmh;

import be.samenbord.board.text.TextField;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bytes of heap per visible character of a 10,000-character text field after 1,000 edits (typing
 * bursts in several places, pastes, deletes by six people): {@code bytesPerChar}, an aux counter,
 * over 50 such fields so the figure is stable. The score itself (time to build them) is not the point.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TextMemoryBench {

    /** Heap per character, measured once per iteration over many fields so the figure is stable. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        public double bytesPerChar;
    }

    @Benchmark
    public Object memory(Memory out) {
        Random r = new Random(11);
        int fields = 50;
        long before = TextBench.usedAfterGc();
        List<TextField> kept = new ArrayList<>(fields);
        long chars = 0;
        for (int k = 0; k < fields; k++) {
            TextField f = TextBench.edited(r);
            kept.add(f);
            chars += f.length();
        }
        long after = TextBench.usedAfterGc();
        out.bytesPerChar = (double) (after - before) / chars;
        return kept;
    }

}
