package be.samenbord.sync;

import be.samenbord.Settings;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Accepts WebSocket sessions on {@code /ws} and holds what every {@link Connection} shares. */
public final class SyncEndpoint {

    private final Vertx vertx;
    private final Settings settings;
    private final ObjectMapper json;
    private final WorkshopDirectory directory;
    private final BoardRegistry registry;
    private final BatchValidator validator;
    private final LongSupplier nanoClock;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Admissions admissions;
    private Facilitation facilitation;

    public SyncEndpoint(Vertx vertx, Settings settings, ObjectMapper json, WorkshopDirectory directory,
                        BoardRegistry registry, LongSupplier clock, LongSupplier nanoClock) {
        this.vertx = vertx;
        this.settings = settings;
        this.json = json;
        this.directory = directory;
        this.registry = registry;
        this.nanoClock = nanoClock;
        this.validator = new BatchValidator(settings.maxOpsPerBatch(), clock);
        this.admissions = new Admissions(settings.limits(), nanoClock);
    }

    /** Facilitation requests (rule FA-8); set before serving. */
    public void useFacilitation(Facilitation f) {
        this.facilitation = f;
    }

    Facilitation facilitation() {
        return facilitation;
    }

    public void accept(ServerWebSocket ws) {
        new Connection(ws, this);
    }

    /**
     * Closes every joined session with "service restart" so clients reconnect elsewhere (rule CL-2);
     * completes when the close handshakes are done.
     */
    public Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        open.forEach(c -> closing.add(c.close(Connection.CLOSE_RESTART, "server restarting")));
        return Future.join(closing).mapEmpty();
    }

    public int connections() {
        return open.size();
    }

    void opened(Connection c) {
        open.add(c);
    }

    void closed(Connection c) {
        open.remove(c);
    }

    Vertx vertx() {
        return vertx;
    }

    Settings settings() {
        return settings;
    }

    ObjectMapper json() {
        return json;
    }

    WorkshopDirectory directory() {
        return directory;
    }

    BoardRegistry registry() {
        return registry;
    }

    BatchValidator validator() {
        return validator;
    }

    Admissions admissions() {
        return admissions;
    }

    LongSupplier nanoClock() {
        return nanoClock;
    }
}
