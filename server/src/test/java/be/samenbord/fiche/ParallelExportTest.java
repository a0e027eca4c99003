package be.samenbord.fiche;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PDF exports over real HTTP run side by side in a bounded pool (rule FI-9): many at once all
 * succeed; past the pool and its queue the node answers 503 busy with Retry-After.
 */
class ParallelExportTest {

    static final int PARALLEL = 12;

    private record Answer(int status, long millis, Api.Reply reply) {
    }

    /** {@code PARALLEL} PDF exports of the plan, released together; each answer with its time. */
    private static List<Answer> burst(TestNode node, JsonNode w) throws Exception {
        String path = "/api/workshops/" + w.path("id").asText() + "/fiches/export?format=pdf";
        String token = FicheApiTest.token(w, "observer");
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    Api.Reply r = node.api.getBytes(path, token);
                    return new Answer(r.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), r);
                }));
            }
            go.countDown();
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> a : answers) out.add(a.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            clients.shutdownNow();
        }
    }

    private static JsonNode planWithFiveFiches(TestNode node) {
        JsonNode w = node.api.createWorkshop("Parallel", "priority-actions");
        String board = w.path("boards").get(0).path("id").asText();
        FicheApiTest.fillRows(node, board, FicheApiTest.token(w, "participant"), 5);
        Api.Reply converted = FicheApiTest.convert(node.api, w, "facilitator", "{\"board\":\"" + board + "\"}");
        assertEquals(200, converted.status(), converted.text());
        return w;
    }

    private static void assertWholePlan(Api.Reply pdf) throws IOException {
        String text = FicheVisibilityTest.pdfText(pdf.bytes());
        for (int r = 1; r <= 5; r++) assertTrue(text.contains("Actie " + r + " title"), "a whole plan: " + text);
    }

    @Test
    @DisplayName("FI-9 (finding: PDF exports ran one at a time, the 12th of 12 answered after 16 s): 12 at once all succeed")
    void pdfExportsRunOneAtATime() throws Exception {
        try (TestNode node = TestNode.start()) {
            JsonNode w = planWithFiveFiches(node);
            assertEquals(200, node.api.getBytes("/api/workshops/" + w.path("id").asText() + "/fiches/export?format=pdf",
                    FicheApiTest.token(w, "observer")).status(), "a first export loads the fonts");
            List<Answer> answers = burst(node, w);
            List<Long> times = answers.stream().map(Answer::millis).sorted().toList();
            System.out.println("FI-9: " + PARALLEL + " parallel PDF exports (default pool), answer times in ms, sorted: " + times);
            for (Answer a : answers) {
                assertEquals(200, a.status(), a.reply().text());
                assertWholePlan(a.reply());
            }
        }
    }

    @Test
    @DisplayName("FI-9: past SAMENBORD_EXPORT_THREADS + SAMENBORD_EXPORT_QUEUE an export gets 503 busy with Retry-After")
    void busyPoolAnswers503() throws Exception {
        try (TestNode node = TestNode.start("SAMENBORD_EXPORT_THREADS", "1", "SAMENBORD_EXPORT_QUEUE", "0")) {
            JsonNode w = planWithFiveFiches(node);
            int ok = 0;
            int busy = 0;
            // A burst of 12 against one slot all but surely collides; a few bursts make it certain enough.
            for (int round = 0; round < 5 && busy == 0; round++) {
                for (Answer a : burst(node, w)) {
                    if (a.status() == 200) {
                        ok++;
                        assertWholePlan(a.reply());
                    } else {
                        busy++;
                        assertEquals(503, a.status(), a.reply().text());
                        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.reply().text());
                        assertEquals("busy", body.path("error").asText());
                        assertTrue(body.path("message").asText().length() > 0);
                        assertEquals("2", a.reply().headers().firstValue("Retry-After").orElse(""), "Retry-After in seconds");
                    }
                }
            }
            System.out.println("FI-9: one export thread, no queue: " + ok + " exports answered 200, " + busy + " answered 503 busy");
            assertTrue(ok > 0, "the slot serves someone");
            assertTrue(busy > 0, "a full pool refuses instead of queueing without bound");
            Api.Reply after = node.api.getBytes("/api/workshops/" + w.path("id").asText() + "/fiches/export?format=pdf",
                    FicheApiTest.token(w, "observer"));
            assertEquals(200, after.status(), "the slot is free again once the burst is answered");
        }
    }
}
