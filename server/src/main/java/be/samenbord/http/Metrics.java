package be.samenbord.http;

import be.samenbord.sync.SyncMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Prometheus metrics of this node on {@code GET /metrics} (rule OB-1): boards, connections,
 * batches and ops acknowledged (counters; ops/s over the last 10 s as a gauge too) and an
 * ack-latency histogram, all tagged with the node's name.
 */
public final class Metrics implements SyncMetrics {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter batches;
    private final Counter ops;
    private final Timer ackLatency;
    private final Counter redirects;
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final AtomicLong windowOps = new AtomicLong();
    private volatile double opsPerSecond;

    public Metrics(String node, IntSupplier boards, IntSupplier connections) {
        registry.config().commonTags("node", node);
        Gauge.builder("samenbord_boards", boards::getAsInt).description("boards served by this node").register(registry);
        Gauge.builder("samenbord_connections", connections::getAsInt).description("joined WebSocket connections").register(registry);
        Gauge.builder("samenbord_ops_per_second", this::opsPerSecond).description("ops acknowledged per second, last 10 s").register(registry);
        batches = Counter.builder("samenbord_batches_acked").description("client batches acknowledged").register(registry);
        ops = Counter.builder("samenbord_ops_acked").description("ops in acknowledged client batches").register(registry);
        redirects = Counter.builder("samenbord_redirects").description("hellos sent on to the board's owner (RT-1)").register(registry);
        ackLatency = Timer.builder("samenbord_ack_latency").description("from a batch reaching its board to its ack")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /**
     * Store gauges (rule OB-1): {@code samenbord_store_failing} (1 while the store cannot make
     * batches durable), {@code samenbord_store_backlog} (writes queued; in a cluster the batches in
     * tails not yet in PostgreSQL).
     */
    public void watchStore(java.util.function.Supplier<be.samenbord.store.StoreStatus> status) {
        Gauge.builder("samenbord_store_failing", () -> status.get().healthy() ? 0 : 1)
                .description("1 while the store cannot make batches durable, else 0").register(registry);
        Gauge.builder("samenbord_store_backlog", () -> status.get().backlog())
                .description("writes waiting to be made durable (cluster: batches in tails not yet in PostgreSQL)").register(registry);
    }

    @Override
    public void acked(int count, long nanos) {
        batches.increment();
        ops.increment(count);
        ackLatency.record(nanos, TimeUnit.NANOSECONDS);
        windowOps.addAndGet(count);
        rollWindow();
    }

    @Override
    public void redirected() {
        redirects.increment();
    }

    private double opsPerSecond() {
        rollWindow();
        return opsPerSecond;
    }

    /** Closes the 10 s window when it is over: the gauge shows the rate of the last full window. */
    private void rollWindow() {
        long start = windowStart.get();
        long now = System.nanoTime();
        if (now - start >= WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
            opsPerSecond = windowOps.getAndSet(0) * 1e9 / (now - start);
        }
    }

    public void register(Router r) {
        r.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }
}
