package be.samenbord;

import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.fiche.FicheBoards;
import be.samenbord.fiche.FicheService;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.fiche.FicheSpecLoader;
import be.samenbord.http.ControlRoutes;
import be.samenbord.http.BoardExportRoutes;
import be.samenbord.http.ExportPool;
import be.samenbord.http.FicheRoutes;
import be.samenbord.http.SummaryRoutes;
import be.samenbord.summary.SummaryService;
import be.samenbord.http.HttpApi;
import be.samenbord.http.IdleConnections;
import be.samenbord.http.Metrics;
import be.samenbord.http.PeopleRoutes;
import be.samenbord.http.TeamRoutes;
import be.samenbord.http.TeamValuesRoutes;
import be.samenbord.http.SearchRoutes;
import be.samenbord.http.OverviewRoutes;
import be.samenbord.search.Search;
import be.samenbord.store.JournalStore;
import be.samenbord.store.PgStore;
import be.samenbord.store.Recovery;
import be.samenbord.store.Store;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.sync.Facilitation;
import be.samenbord.sync.SyncEndpoint;
import be.samenbord.workshop.Role;
import be.samenbord.facilitation.Rooms;
import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.WorkshopDirectory;
import be.samenbord.workshop.WorkshopService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import be.samenbord.cluster.ClusterMembership;
import be.samenbord.cluster.WorkshopBroadcast;
import be.samenbord.store.SharedStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Samenbord node: the composition root. Starts HTTP first (so /health answers 503 while
 * recovering), recovers the store, then serves boards.
 */
public final class Node {

    private static final Logger LOG = Logger.getLogger(Node.class.getName());
    private static final List<String> DEMO_TEMPLATES =
            List.of("health-matrix", "three-b", "circle-of-influence", "windroos", "priority-actions");

    private final Settings settings;
    private final Vertx vertx;
    private final Store store;
    private final WorkshopService workshops;
    private final BoardRegistry registry;
    private final SyncEndpoint sync;
    private final HttpApi api;
    private final ClusterMembership cluster;
    private final WorkshopBroadcast broadcast;
    private final ObjectMapper json;
    /** Team indicators (IND-*); null when off (PostgreSQL without SAMENBORD_INDICATOR_KEY). */
    private final be.samenbord.indicators.IndicatorFeature indicators;
    private final Search search;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** The HTTP listeners, one per event loop, all on one port. */
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** How many listeners share the port: one per core (at least 2, so a second loop always takes sockets). */
    private static final int LISTENERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private String publicUrl;
    private long snapshotTimer = -1;
    private long indicatorTimer = -1;
    private long purgeTimer = -1;

    private Node(Settings settings, LongSupplier clock, LongSupplier nanoClock) {
        this.settings = settings;
        this.cluster = settings.clustered() ? ClusterMembership.join(settings, new VertxOptions()) : null;
        this.vertx = cluster != null ? cluster.vertx() : Vertx.vertx();
        ObjectMapper json = new ObjectMapper();
        TemplateCatalog templates = TemplateCatalog.load(json);
        FicheSpec ficheSpec = FicheSpecLoader.load(json);
        templates.registerHidden(FicheBoards.template(ficheSpec, json));
        templates.registerHidden(Rooms.template(json));
        this.store = openStore(settings, vertx);
        if (cluster != null) cluster.useStore((SharedStore) store, settings.clusterBacklog());
        // The node label tells members apart: in a cluster every node may bind 0.0.0.0 on the same port.
        String nodeLabel = (cluster != null ? ClusterMembership.host(settings) : settings.httpHost()) + ":" + settings.httpPort();
        Metrics metrics = new Metrics(nodeLabel, this::boardCount, this::connectionCount);
        metrics.watchStore(this::storeStatus);
        Tokens tokens = new Tokens(new SecureRandom());
        WorkshopDirectory directory = new WorkshopDirectory(tokens);
        if (cluster != null) {
            // A node that missed a workshop's announcement reads it from the shared store on a miss (CU-9).
            SharedStore shared = (SharedStore) store;
            directory.readThrough(new WorkshopDirectory.Store() {
                @Override
                public java.util.concurrent.CompletableFuture<java.util.Optional<be.samenbord.workshop.Workshop>> workshop(String id) {
                    return shared.loadWorkshop(id);
                }

                @Override
                public java.util.concurrent.CompletableFuture<java.util.Optional<be.samenbord.workshop.Workshop>> workshopOfBoard(String board) {
                    return shared.loadWorkshopOfBoard(board);
                }
            });
        }
        this.registry = new BoardRegistry(vertx, cluster != null ? cluster.log() : store, new be.samenbord.sync.StoreBoardSource(store),
                templates, directory, clock, metrics, new BoardRegistry.Memory(settings.boardIdleMs(), settings.pruneHorizonMs()),
                new SecureRandom());
        registry.limitBoards(new be.samenbord.board.BoardLimits(settings.limits().maxItemsPerBoard(), settings.limits().maxBoardBytes()));
        this.workshops = new WorkshopService(directory, store, registry::create, clock);
        workshops.limitBoards(new WorkshopService.BoardCaps(settings.limits().maxBoardsPerWorkshop(),
                settings.limits().maxFichesPerWorkshop(), FicheBoards.TEMPLATE));
        this.broadcast = cluster != null ? new WorkshopBroadcast(vertx, cluster.nodeId(), cluster::nodeIds) : null;
        if (broadcast != null) workshops.announceWith(broadcast::announce);
        this.sync = new SyncEndpoint(vertx, settings, json, directory, registry, clock, nanoClock);
        FicheService fiches = new FicheService(ficheSpec, templates, registry, workshops, json, clock);
        // Search (SE-8): the embedded store's node keeps its index beside the journal; PostgreSQL nodes in memory.
        this.search = new Search(new Search.Options(settings.store().isEmpty() ? settings.dataDir().resolve("search") : null,
                settings.search().refreshMs(), 5_000, settings.search().threads(), settings.search().queue(), cluster != null),
                directory, templates, ficheSpec.fields().stream().map(FicheSpec.Field::id).toList(), registry::snapshot,
                // In a cluster the tails hold batches the store does not have yet: every board is read.
                board -> cluster != null ? java.util.OptionalLong.empty() : store.storedSeq(board), vertx, json);
        registry.listenBatches(search.feed());
        Facilitation facilitation = new Facilitation(registry, workshops, templates, tokens);
        sync.useFacilitation(facilitation);
        // One pool for every export, so FI-9's bound holds across fiche and board exports.
        ExportPool exports = new ExportPool(vertx, settings.exportThreads(), settings.exportQueue());
        this.indicators = openIndicators(settings, vertx, registry, tokens, clock);
        this.api = new HttpApi(settings, json, templates, workshops, registry, sync, ready::get, () -> publicUrl)
                .with(new FicheRoutes(fiches, directory, json, exports)::register)
                .with(new BoardExportRoutes(registry, templates, directory, json, exports)::register)
                .with(new SummaryRoutes(new SummaryService(registry, templates, fiches, json), directory, json, exports)::register)
                .with(metrics::register)
                .with(new ControlRoutes(facilitation, registry, directory, json)::register)
                .with(this::indicatorRoutes)
                .with(new SearchRoutes(search, directory, json)::register)
                .with(new OverviewRoutes(registry, templates, directory, clock)::register)
                .with(new TeamValuesRoutes(registry, templates, directory, json, settings.indicators().k())::register)
                .withRawBodies(PeopleRoutes.RAW_BODY, PeopleRoutes.UPLOAD_TYPES)
                .withHealth(this::clusterHealth)
                .withStore(this::storeStatus)
                .withNodes(() -> cluster != null ? cluster.nodeUrls() : List.of())
                .withNanoClock(nanoClock);
        this.json = json;
    }

    private static final String INDICATORS_CHANGED = "samenbord.indicators.changed";

    /** The team indicators feature (IND-*), or null when it is off; a store it cannot open stops the start. */
    private static be.samenbord.indicators.IndicatorFeature openIndicators(Settings settings, Vertx vertx, BoardRegistry registry,
                                                                        Tokens tokens, LongSupplier clock) {
        Settings.Indicators s = settings.indicators();
        be.samenbord.indicators.google.GoogleHealth.Config google = s.google()
                ? new be.samenbord.indicators.google.GoogleHealth.Config(s.googleClientId().get(), s.googleClientSecret().get(),
                s.googleAuthUrl(), s.googleTokenUrl(), s.googleApiUrl(), s.googlePullDays()) : null;
        try {
            return be.samenbord.indicators.IndicatorFeature.open(new be.samenbord.indicators.IndicatorFeature.Config(s.key(), s.k(),
                            s.kHeart(), s.retentionDays(), s.importThreads(), s.maxPeople(), google), settings.dataDir(), settings.store(), vertx,
                    registry, tokens, clock).orElse(null);
        } catch (java.io.IOException e) {
            vertx.close();
            throw new IllegalStateException("team indicators: " + e.getMessage(), e);
        }
    }

    private void indicatorRoutes(io.vertx.ext.web.Router r) {
        if (indicators == null) {
            PeopleRoutes.off(r, "team indicators are off on this node: with SAMENBORD_STORE set, SAMENBORD_INDICATOR_KEY must be set too");
            return;
        }
        new PeopleRoutes(indicators, workshops.directory(), json, () -> publicUrl, settings.indicators().maxImportBytes()).register(r);
        new TeamRoutes(indicators, workshops.directory(), registry, json).register(r);
        // Every node rewrites the indicator items of the boards it owns when a workshop's data changes (IND-15).
        indicators.service.onChange(w -> vertx.eventBus().publish(INDICATORS_CHANGED, w));
        vertx.eventBus().<String>consumer(INDICATORS_CHANGED, m -> indicators.boards.refresh(m.body()));
    }

    /** The team indicators feature, or null when off (tests drive its periodic sweep). */
    be.samenbord.indicators.IndicatorFeature indicatorFeature() {
        return indicators;
    }

    /** /health in a cluster: its name, this node's id and every member (rule OB-2). */
    private void clusterHealth(ObjectNode body) {
        if (cluster == null) return;
        ObjectNode c = body.putObject("cluster");
        c.put("name", cluster.clusterName()).put("node", cluster.nodeId());
        c.putObject("quorum").put("needed", cluster.quorumNeeded()).put("present", cluster.hasQuorum());
        ArrayNode members = c.putArray("members");
        cluster.members().forEach(m -> members.addObject().put("id", m.id()).put("address", m.address()).put("local", m.local()));
    }

    /**
     * Whether batches can be made durable now (rules RE-1, OB-1): the store's state; in a cluster
     * the backlog is the batches in the tails not yet in PostgreSQL.
     */
    public be.samenbord.store.StoreStatus storeStatus() {
        be.samenbord.store.StoreStatus s = store.status();
        return cluster != null ? s.withBacklog(cluster.unpersisted()) : s;
    }

    /** PostgreSQL when SAMENBORD_STORE names one, else the embedded journal (rule CF-1). */
    private static Store openStore(Settings settings, Vertx vertx) {
        try {
            return settings.store().<Store>map(url -> new PgStore(vertx, url, settings.salvage(), System::currentTimeMillis,
                            100, 5_000, settings.storeQueueBytes()))
                    .orElseGet(() -> new JournalStore(settings.dataDir(), new JournalStore.Options(settings.snapshotsKept(),
                            settings.salvage(), System::currentTimeMillis, 100, 5_000, settings.testDiskLimitBytes(),
                            settings.storeQueueBytes())));
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts a node and returns once it serves boards. */
    public static Node start(Settings settings) throws Exception {
        return start(settings, System::currentTimeMillis, System::nanoTime);
    }

    public static Node start(Settings settings, LongSupplier clock, LongSupplier nanoClock) throws Exception {
        Node node = new Node(settings, clock, nanoClock);
        try {
            node.listen();
            node.recover();
        } catch (Exception e) {
            node.stop();
            throw e;
        }
        return node;
    }

    private void listen() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.httpHost())
                .setPort(settings.httpPort())
                // Vert.x only cuts absurd frames; the 64 KiB contract limit is answered with too_large (rule LI-1).
                .setMaxWebSocketFrameSize(Settings.MAX_WS_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(Settings.MAX_WS_MESSAGE_BYTES)
                .setWebSocketClosingTimeout(5)
                // gzip of answers (the web client's files); never inflating what clients send.
                .setCompressionSupported(true)
                // No permessage-deflate (on by default in Vert.x): a small compressed message would be
                // inflated whole before the 1 MiB message limit applies, a compression bomb (rule LI-1).
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // A connection that sends nothing, or half a request, is closed (rule LI-8); upgraded
                // WebSockets leave this to the hello timeout and the heartbeat (HE-1, LI-7).
                .setIdleTimeout((int) settings.limits().httpIdleMs())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        // One listener per core, each on its own event loop, sharing the port: Vert.x hands each new
        // connection to the next one, so sockets are spread over the cores instead of all being
        // read, parsed and written on the one loop a single server would use (issue 18, S3/S5).
        io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> router = api.router(vertx);
        int port = settings.httpPort() == 0 ? -1 : settings.httpPort(); // -1: one random port, shared
        for (int i = 0; i < LISTENERS; i++) {
            io.vertx.core.Context loop = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
            io.vertx.core.Promise<HttpServer> bound = io.vertx.core.Promise.promise();
            loop.runOnContext(v -> vertx.createHttpServer(new HttpServerOptions(options).setPort(port))
                        .webSocketHandshakeHandler(h -> {
                            if (!h.path().equals("/ws")) h.reject(404);
                            else if (!ready.get()) h.reject(503);
                            else h.accept();
                        })
                        .webSocketHandler(ws -> {
                            IdleConnections.keepUpgraded(ws);
                            sync.accept(ws);
                        })
                        .requestHandler(router)
                        .listen().onComplete(bound));
            servers.add(bound.future().await());
        }
        publicUrl = settings.publicUrl().orElse("http://localhost:" + port());
    }

    private void recover() throws Exception {
        long t0 = System.nanoTime();
        // In a cluster, listen for other nodes' workshops before reading the store: none falls in between.
        if (broadcast != null) broadcast.listen(workshops.directory()).await();
        Recovery recovery = store.recover();
        recovery.warnings().forEach(w -> LOG.warning("recovery: " + w));
        recovery.workshops().forEach(workshops.directory()::add);
        if (cluster != null) {
            cluster.advertise(settings.nodeUrl().orElse(publicUrl));
            registry.joinCluster(cluster.ownership(), cluster.boards(), json).await();
            cluster.startHousekeeping(registry::holds);
        }
        // Boards are read on first use (rule ME-1), so a start reads none of them.
        LOG.info(String.format("recovered %d workshops (%d boards, each read on first use) in %d ms", recovery.workshops().size(),
                recovery.workshops().stream().mapToInt(w -> w.boards().size()).sum(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
        // Only on a store that held nothing at all: data that turned out empty or unreadable is no first start (FS-1).
        if (recovery.fresh() && workshops.directory().isEmpty() && settings.demoWorkshop() && (cluster == null || cluster.oldest())) {
            createDemo();
        }
        if (cluster == null || cluster.oldest()) {
            int rooms = workshops.addMissingRooms().get(30, TimeUnit.SECONDS);
            if (rooms > 0) LOG.info("gave " + rooms + " workshops made before facilitation their room board");
        }
        startSearch();
        snapshotTimer = vertx.setPeriodic(settings.snapshotCheckMs(), t -> snapshotIfDue());
        registry.startUnloading(() -> storeStatus().healthy());
        if (indicators != null) {
            // A new week changes what an indicator item shows; old days go after the retention period (IND-14, IND-15).
            indicators.boards.refreshAll();
            indicators.purge();
            indicatorTimer = vertx.setPeriodic(10 * 60_000, t -> indicators.boards.refreshAll());
            purgeTimer = vertx.setPeriodic(24 * 3_600_000L, t -> indicators.purge());
        }
        ready.set(true);
        LOG.info("Samenbord ready at " + publicUrl + "/ (port " + port() + ", data in "
                + (settings.store().isPresent() ? "PostgreSQL" : settings.dataDir().toAbsolutePath().normalize())
                + (cluster != null ? ", cluster " + cluster.clusterName() + " node " + cluster.nodeId()
                + " with " + cluster.members().size() + " members" : "") + ")");
    }

    /**
     * Reads every board into the search index where it is behind (SE-8). One node waits for it: its
     * boards are all here. A cluster member serves at once and catches up as owners answer.
     */
    private void startSearch() throws Exception {
        long t0 = System.nanoTime();
        java.util.concurrent.CompletableFuture<Void> read = search.start().whenComplete((v, e) -> LOG.info(
                "search index: every board read in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms, "
                        + search.index().documents() + " texts"));
        if (cluster == null) read.get(10, TimeUnit.MINUTES);
    }

    /** The node's search (tests and benchmarks). */
    public Search search() {
        return search;
    }

    /** First start with no settings: one demo workshop, its links logged once (rule FS-1). */
    private void createDemo() throws Exception {
        WorkshopDirectory.Created demo = workshops.create("Demo workshop", DEMO_TEMPLATES).get(30, TimeUnit.SECONDS);
        Map<Role, String> links = api.links(demo.workshop().id(), demo.tokens());
        LOG.info("created a demo workshop; these links are shown only now:\n"
                + "  facilitator: " + links.get(Role.FACILITATOR) + "\n"
                + "  participant: " + links.get(Role.PARTICIPANT) + "\n"
                + "  observer:    " + links.get(Role.OBSERVER));
    }

    private final AtomicBoolean snapshotting = new AtomicBoolean();

    private void snapshotIfDue() {
        if (store.journalBytesSinceSnapshot() < settings.snapshotEveryBytes() || !snapshotting.compareAndSet(false, true)) {
            return;
        }
        snapshot().whenComplete((v, e) -> {
            snapshotting.set(false);
            if (e != null) LOG.log(Level.SEVERE, "snapshot failed; the journal keeps everything", e);
        });
    }

    /** Writes a snapshot now (also used by tests and at shutdown). */
    public java.util.concurrent.CompletableFuture<Void> snapshot() {
        return store.snapshot(wanted -> registry.capture(workshops.directory().all(), wanted));
    }

    private int boardCount() {
        return registry.size();
    }

    private int connectionCount() {
        return sync.connections();
    }

    public int port() {
        return servers.getFirst().actualPort();
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** SIGTERM path: stop accepting, flush, close sockets with "restart" so clients reconnect (rule CL-2). */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        ready.set(false);
        if (snapshotTimer >= 0) vertx.cancelTimer(snapshotTimer);
        if (indicatorTimer >= 0) vertx.cancelTimer(indicatorTimer);
        if (purgeTimer >= 0) vertx.cancelTimer(purgeTimer);
        // Each step runs even when an earlier one fails: the journal must be flushed and closed.
        step("stop serving boards", registry::stopServing);
        step("close client connections", () -> sync.closeAll().timeout(3, TimeUnit.SECONDS).await());
        step("close the HTTP listener", () -> {
            for (HttpServer listener : servers) listener.close().await();
        });
        step("flush the journal", () -> store.flushed().get(30, TimeUnit.SECONDS));
        step("close the indicator store", () -> {
            if (indicators != null) indicators.close();
        });
        step("commit the search index", search::close);
        step("close the store", store::close);
        if (cluster != null) step("tell the other members this one leaves", cluster::announceLeaving);
        step("close Vert.x", () -> vertx.close().await());
        LOG.info(stopProblems == 0 ? "Samenbord node stopped cleanly" : "Samenbord node stopped with " + stopProblems + " problem(s), see above");
    }

    private int stopProblems;

    private interface Step {
        void run() throws Exception;
    }

    private void step(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            stopProblems++;
            LOG.log(Level.WARNING, "stop: could not " + what, e);
        }
    }
}
