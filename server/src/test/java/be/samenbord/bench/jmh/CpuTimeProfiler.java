package be.samenbord.bench.jmh;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;

/**
 * JMH profiler ({@code -prof be.samenbord.bench.jmh.CpuTimeProfiler}) for a shared machine: JMH
 * scores are per wall-clock second, so a benchmark thread that other processes keep off the CPU
 * scores low. Per iteration this reports {@code ·cpu.share}, the CPU time the benchmark
 * thread got per wall second (1.0 = a whole core), and {@code ·ops.per.cpu.s}, the score divided by
 * that share: ops per second of CPU time of one core. Setup code the worker thread runs during the
 * iteration (Level.Invocation fixtures) is counted in both CPU and wall time, so the share is the
 * iteration's average.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU time of the JMH worker threads per wall second, and ops per CPU second";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = workerCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long wall = System.nanoTime() - wallStart;
        long cpu = workerCpuNanos() - cpuStart;
        double share = wall > 0 ? (double) cpu / wall / benchmarkParams.getThreads() : Double.NaN;
        double perCpu = share > 0 ? result.getPrimaryResult().getScore() / share : Double.NaN;
        return List.of(
                new ScalarResult("cpu.share", share, "core", AggregationPolicy.AVG),
                new ScalarResult("ops.per.cpu.s", perCpu, result.getScoreUnit(), AggregationPolicy.AVG));
    }

    private long workerCpuNanos() {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (t != null && t.getThreadName().contains("jmh-worker")) {
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns > 0) sum += ns;
            }
        }
        return sum;
    }
}
