package be.samenbord.http;

import be.samenbord.testkit.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FI-9: the export pool runs its threads' worth at once, queues a bounded number, refuses the rest. */
class ExportPoolTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("FI-9: 3 threads run 3 exports at the same time; 2 more wait; the 6th is refused at once with Busy")
    void parallelThenQueuedThenBusy() throws Exception {
        ExportPool pool = new ExportPool(vertx, 3, 2);
        CountDownLatch allRunning = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            running.add(pool.submit(() -> {
                allRunning.countDown();
                // Waits for the other two: only possible when the three really run side by side.
                if (!allRunning.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("exports ran one after another");
                if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
                return "export " + n;
            }));
        }
        assertTrue(allRunning.await(10, TimeUnit.SECONDS), "three exports run at once");
        Future<String> queued1 = pool.submit(() -> "queued 1");
        Future<String> queued2 = pool.submit(() -> "queued 2");
        assertEquals(5, pool.admitted());
        Future<String> refused = pool.submit(() -> "never");
        assertTrue(refused.failed(), "refused without waiting");
        assertInstanceOf(ExportPool.Busy.class, refused.cause());
        assertTrue(refused.cause().getMessage().contains("try again"), refused.cause().getMessage());
        assertEquals(5, pool.admitted(), "a refusal takes no place");

        release.countDown();
        for (int i = 0; i < 3; i++) assertEquals("export " + i, running.get(i).await(10, TimeUnit.SECONDS));
        assertEquals("queued 1", queued1.await(10, TimeUnit.SECONDS));
        assertEquals("queued 2", queued2.await(10, TimeUnit.SECONDS));
        Poll.until("every place is given back", Duration.ofSeconds(10), () -> pool.admitted() == 0);
        assertEquals("again", pool.submit(() -> "again").await(10, TimeUnit.SECONDS), "a drained pool accepts again");
    }

    @Test
    @DisplayName("FI-9: a failing export gives its place back and reports its failure")
    void failureGivesThePlaceBack() throws Exception {
        ExportPool pool = new ExportPool(vertx, 1, 0);
        Future<String> failed = pool.submit(() -> {
            throw new IllegalStateException("render failed");
        });
        Throwable cause = assertThrowsAwait(failed);
        assertEquals("render failed", cause.getMessage());
        Poll.until("the place is given back", Duration.ofSeconds(10), () -> pool.admitted() == 0);
        assertEquals("next", pool.submit(() -> "next").await(10, TimeUnit.SECONDS));
    }

    private static Throwable assertThrowsAwait(Future<?> f) {
        try {
            f.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
