package be.samenbord.indicators;

import be.samenbord.indicators.google.GoogleHealth;
import be.samenbord.indicators.model.PrivacyRules;
import be.samenbord.indicators.model.TeamIndicators;
import be.samenbord.indicators.store.FileIndicatorStore;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.PgIndicatorStore;
import be.samenbord.indicators.store.Vault;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.workshop.Tokens;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The team indicators feature of one node, put together: its store (embedded files or PostgreSQL),
 * the service, import jobs, indicator items on boards and, when configured, the Google Health
 * connector. Store work and imports run on threads of their own, never on an event loop.
 */
public final class IndicatorFeature implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndicatorFeature.class.getName());

    /** What the node's settings say (PROTOCOL.md IND-*, CF-2). */
    public record Config(Optional<String> key, int k, int kHeart, int retentionDays, int importThreads, int maxPeople,
                         GoogleHealth.Config google) {
    }

    public final IndicatorService service;
    public final ImportJobs imports;
    public final BoardIndicators boards;
    /** Null unless a Google client id and secret are set. */
    public final GoogleHealth google;
    private final IndicatorStore store;
    private final ExecutorService io;
    private final ExecutorService workers;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final int retentionDays;

    private IndicatorFeature(Config c, IndicatorStore store, Vault vault, BoardRegistry registry, Tokens tokens, LongSupplier clock) {
        this.store = store;
        this.retentionDays = c.retentionDays();
        this.io = Executors.newFixedThreadPool(2, named("samenbord-indicators"));
        this.workers = Executors.newFixedThreadPool(c.importThreads(), named("samenbord-import"));
        this.service = new IndicatorService(store, new TeamIndicators(new PrivacyRules(c.k(), c.kHeart())), tokens, io, clock, c.maxPeople());
        this.imports = new ImportJobs(service, workers, c.importThreads(), tokens, clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(named("samenbord-indicators-retry"));
        this.boards = new BoardIndicators(registry, service, tokens, io, clock,
                (ms, task) -> {
                    try {
                        timer.schedule(task, ms, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        LOG.fine("the node is stopping: no more indicator refreshes");
                    }
                });
        this.google = c.google() == null ? null : new GoogleHealth(c.google(), vault, clock);
    }

    /**
     * Opens the store: PostgreSQL when {@code pgUrl} is given (then the key must be a setting: every
     * node must read what another sealed), else files under {@code dataDir} with the setting's key or
     * a generated key file. Empty when PostgreSQL is used without a key: the feature is off.
     */
    public static Optional<IndicatorFeature> open(Config c, Path dataDir, Optional<String> pgUrl, Vertx vertx, BoardRegistry registry,
                                                  Tokens tokens, LongSupplier clock) throws IOException {
        Vault vault;
        IndicatorStore store;
        if (pgUrl.isPresent()) {
            if (c.key().isEmpty()) {
                LOG.warning("team indicators are off: with SAMENBORD_STORE every node must share the key, so set SAMENBORD_INDICATOR_KEY "
                        + "(base64 of 32 random bytes, e.g. openssl rand -base64 32)");
                return Optional.empty();
            }
            vault = Vault.fromSetting(c.key().get());
            store = PgIndicatorStore.open(vertx, pgUrl.get(), vault);
        } else {
            vault = c.key().isPresent() ? Vault.fromSetting(c.key().get()) : Vault.fromFile(dataDir.resolve("indicators").resolve("indicator.key"));
            store = FileIndicatorStore.open(dataDir, vault);
        }
        return Optional.of(new IndicatorFeature(c, store, vault, registry, tokens, clock));
    }

    /** Deletes days past the retention period (IND-14); run daily. */
    public void purge() {
        io.execute(() -> {
            try {
                int n = store.purgeBefore(service.today().minusDays(retentionDays));
                if (n > 0) LOG.info("deleted " + n + " days of indicator data older than " + retentionDays + " days");
            } catch (IOException e) {
                LOG.warning("could not delete old indicator data: " + e.getMessage());
            }
        });
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        timer.shutdownNow();
        io.shutdown();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) io.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
