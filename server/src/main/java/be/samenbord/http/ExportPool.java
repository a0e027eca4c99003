package be.samenbord.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where fiche exports render (rule FI-9): a dedicated worker pool of {@code threads}, so PDFs run
 * side by side and never on an event loop or the shared worker pool, with at most {@code queue}
 * more waiting. Past that, {@link #submit} fails at once with {@link Busy}: a burst of downloads
 * gets a quick "try again" instead of an ever longer wait and ever more memory.
 */
public final class ExportPool {

    /** Seconds a refused client should wait before trying again (the 503's Retry-After). */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** The pool and its queue are full. */
    public static final class Busy extends RuntimeException {
        Busy(int capacity) {
            super("the node is rendering " + capacity + " exports already; try again in " + RETRY_AFTER_SECONDS + " s",
                    null, false, false);
        }
    }

    private final WorkerExecutor workers;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();

    public ExportPool(Vertx vertx, int threads, int queue) {
        if (threads < 1 || queue < 0) throw new IllegalArgumentException("threads >= 1 and queue >= 0");
        // A big plan may take a while; warn about a blocked export thread only after two minutes.
        this.workers = vertx.createSharedWorkerExecutor("samenbord-export", threads, 2, TimeUnit.MINUTES);
        this.capacity = threads + queue;
    }

    /** Runs {@code work} on a pool thread; unordered, so exports never wait for each other. */
    public <T> Future<T> submit(Callable<T> work) {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            return Future.failedFuture(new Busy(capacity));
        }
        return workers.<T>executeBlocking(work, false).andThen(done -> admitted.decrementAndGet());
    }

    /** Exports running or waiting now. */
    public int admitted() {
        return admitted.get();
    }

    public Future<Void> close() {
        return workers.close();
    }
}
