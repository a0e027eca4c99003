package be.samenbord.http;

import be.samenbord.Settings;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.store.JournalStore;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.sync.SyncEndpoint;
import be.samenbord.sync.SyncMetrics;
import be.samenbord.testkit.Api;
import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.WorkshopDirectory;
import be.samenbord.workshop.WorkshopService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RE-1: /health is 503 until the node serves boards, then 200 (the flag a node sets after recovery). */
class HealthBeforeReadyTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("RE-1: 503 with status DOWN while recovering, 200 UP once ready")
    void healthFollowsReadiness() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (JournalStore store = new JournalStore(dataDir)) {
            store.recover();
            ObjectMapper json = new ObjectMapper();
            TemplateCatalog templates = TemplateCatalog.load(json);
            WorkshopDirectory directory = new WorkshopDirectory(new Tokens(new Random(1)));
            BoardRegistry boards = new BoardRegistry(vertx, store, templates, directory, System::currentTimeMillis, SyncMetrics.NONE);
            WorkshopService workshops = new WorkshopService(directory, store, boards::create, System::currentTimeMillis);
            Settings settings = Settings.defaults();
            SyncEndpoint sync = new SyncEndpoint(vertx, settings, json, directory, boards, System::currentTimeMillis, System::nanoTime);
            AtomicBoolean ready = new AtomicBoolean(false);
            HttpApi api = new HttpApi(settings, json, templates, workshops, boards, sync, ready::get, () -> "http://localhost");
            HttpServer server = vertx.createHttpServer().requestHandler(api.router(vertx)).listen(0, "127.0.0.1").await();
            Api client = new Api("http://127.0.0.1:" + server.actualPort());
            Api.Reply before = client.get("/health", null);
            assertEquals(503, before.status());
            assertEquals("DOWN", before.body().path("status").asText());
            ready.set(true);
            Api.Reply after = client.get("/health", null);
            assertEquals(200, after.status());
            assertEquals("UP", after.body().path("status").asText());
        } finally {
            vertx.close().await();
        }
    }
}
