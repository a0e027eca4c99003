package be.samenbord.bench.jmh;

import be.samenbord.board.Stamp;
import be.samenbord.board.text.TextField;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jol.info.GraphLayout;

import java.util.Random;

/**
 * Bytes of heap per visible character of a 10,000-character text field ({@code bytesPerChar}, an
 * aux counter, exact: JOL walks the field's object graph): {@code edited} after 1,000 edits in
 * random places by six people (typing bursts, pastes, deletes), {@code typed} typed straight
 * through by one person. The score (time to build one field) is not the point.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.attach.allowAttachSelf=true"})
// One measured build: aux counters of type EVENTS add up over iterations, and the size is exact anyway.
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class TextMemoryBench {

    @Param({"edited", "typed"})
    public String history;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        public double bytesPerChar;
        public double runs;
    }

    @Benchmark
    public TextField memory(Memory out) {
        TextField f;
        if (history.equals("edited")) {
            f = TextBench.edited(new Random(11));
        } else {
            f = new TextField();
            for (int i = 0; i < 10_000; i++) f.apply(f.insertAt(i, "a", new Stamp(i, 0, "typist01")));
        }
        out.bytesPerChar = (double) GraphLayout.parseInstance(f).totalSize() / f.length();
        out.runs = f.runs();
        return f;
    }
}
