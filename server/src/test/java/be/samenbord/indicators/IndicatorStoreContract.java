package be.samenbord.indicators;

import be.samenbord.indicators.importer.Warnings;
import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.PersonDays;
import be.samenbord.indicators.store.ImportStatus;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.Person;
import be.samenbord.indicators.store.Placement;
import be.samenbord.indicators.store.Vault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every indicator store must do (PROTOCOL.md IND-2, IND-7, IND-13, IND-14). */
abstract class IndicatorStoreContract {

    static final Consent ALL = new Consent(true, true, true, true);
    static final LocalDate D = LocalDate.of(2026, 11, 2);

    @TempDir
    Path dir;

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        new java.util.Random(seed).nextBytes(k);
        return k;
    }

    /** A store over {@code dir} (the same dir: the same data) with this key. */
    protected abstract IndicatorStore open(Path dir, Vault vault) throws IOException;

    /** Every byte the store keeps for this dir, as text (files, or table contents). */
    protected abstract String raw(Path dir) throws IOException;

    static Person person(String id, String workshop, Consent c) {
        return new Person(id, workshop, "h".repeat(64), 1L, c);
    }

    static Day day(LocalDate date, Integer sleep, Integer steps, Double rhr) {
        return new Day(date, sleep, steps, null, rhr, null, null);
    }

    @Test
    @DisplayName("IND-7: a later import wins per field; other fields stay")
    void mergePerField() throws IOException {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("alice0001", "w1", ALL));
            s.mergeDays("alice0001", List.of(day(D, 420, 9000, 58.0)));
            s.mergeDays("alice0001", List.of(day(D, null, 9500, null), day(D.plusDays(1), 380, null, null)));
            Map<LocalDate, Day> days = s.days("alice0001", D, D.plusDays(6));
            assertEquals(new Day(D, 420, 9500, null, 58.0, null, null), days.get(D));
            assertEquals(380, days.get(D.plusDays(1)).sleepMinutes());
        }
    }

    @Test
    @DisplayName("IND-2: revoking a kind deletes its stored values; a day with nothing left goes")
    void revokeConsent() throws IOException {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("bert00001", "w1", ALL));
            s.mergeDays("bert00001", List.of(day(D, 420, 9000, 58.0), day(D.plusDays(1), null, null, 60.0)));
            s.saveConsent("bert00001", new Consent(true, true, false, true));
            Map<LocalDate, Day> days = s.days("bert00001", D, D.plusDays(6));
            assertEquals(new Day(D, 420, 9000, null, null, null, null), days.get(D));
            assertFalse(days.containsKey(D.plusDays(1)));
            s.mergeDays("bert00001", List.of(day(D.plusDays(2), 400, null, 61.0)));
            assertNull(s.days("bert00001", D, D.plusDays(6)).get(D.plusDays(2)).restingHeartRate(), "no heart consent: not stored");
        }
    }

    @Test
    @DisplayName("IND-13: erasure leaves nothing; an import after it fails whole")
    void erase() throws IOException {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("carl00001", "w1", ALL));
            s.createPerson(person("dora00001", "w1", ALL));
            s.mergeDays("carl00001", List.of(day(D, 420, 9000, 58.0)));
            s.mergeDays("dora00001", List.of(day(D, 300, 4000, 66.0)));
            s.saveImport(new ImportStatus("imp1", "carl00001", ImportStatus.DONE, 1, 1, List.of(), null, null, 5));
            s.erase("carl00001");
            assertTrue(s.person("carl00001").isEmpty());
            assertTrue(s.importStatus("imp1").isEmpty());
            assertThrows(IndicatorStore.NoSuchPerson.class, () -> s.days("carl00001", D, D));
            assertThrows(IndicatorStore.NoSuchPerson.class, () -> s.mergeDays("carl00001", List.of(day(D, 1, 1, 1.0))));
            assertEquals(List.of("dora00001"), List.copyOf(s.team("w1", D, D).keySet()));
        }
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            assertTrue(s.person("carl00001").isEmpty(), "gone after a restart too");
        }
    }

    @Test
    @DisplayName("IND-8: the team sees only people who share with it, only the kinds they share, only the dates asked")
    void team() throws IOException {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("eva000001", "w1", ALL));
            s.createPerson(person("fons00001", "w1", new Consent(true, true, true, false)));
            s.createPerson(person("gert00001", "w2", ALL));
            for (String p : List.of("eva000001", "fons00001", "gert00001")) s.mergeDays(p, List.of(day(D, 400, 8000, 60.0), day(D.minusDays(30), 1, 1, 1.0)));
            Map<String, PersonDays> team = s.team("w1", D.minusDays(7), D);
            assertEquals(List.of("eva000001"), List.copyOf(team.keySet()));
            assertEquals(1, team.get("eva000001").days().size());
        }
    }

    @Test
    @DisplayName("IND-14: values are sealed at rest; another key cannot read them; a restart with the key reads them back")
    void sealedAtRest() throws IOException {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("hans00001", "w1", ALL));
            s.mergeDays("hans00001", List.of(new Day(D, 487, 98765, 43, 57.3, 41.7, 96.4)));
        }
        String raw = raw(dir);
        for (String v : List.of("98765", "487", "57.3", "41.7", "96.4")) assertFalse(raw.contains(v), v + " is in the stored bytes");
        assertThrows(IOException.class, () -> {
            try (IndicatorStore s = open(dir, new Vault(key(2)))) {
                s.days("hans00001", D, D);
            }
        });
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            assertEquals(98765, s.days("hans00001", D, D).get(D).steps());
        }
    }

    @Test
    @DisplayName("IND-7: two imports of one person at once both land whole (the person's record is locked)")
    void concurrentImports() throws Exception {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("ines00001", "w1", ALL));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int which = t;
                    runs.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < 20; i++) {
                            try {
                                s.mergeDays("ines00001", List.of(which == 0 ? day(D.plusDays(i), 400 + i, null, null) : day(D.plusDays(i), null, 5000 + i, null)));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }, pool));
                }
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
            } finally {
                pool.shutdownNow();
            }
            Map<LocalDate, Day> days = s.days("ines00001", D, D.plusDays(30));
            for (int i = 0; i < 20; i++) {
                assertEquals(400 + i, days.get(D.plusDays(i)).sleepMinutes());
                assertEquals(5000 + i, days.get(D.plusDays(i)).steps());
            }
        }
    }

    @Test
    @DisplayName("IND-14, IND-15: retention purge, placements and import statuses")
    void housekeeping() throws IOException {
        try (IndicatorStore s = open(dir, new Vault(key(1)))) {
            s.createPerson(person("jan000001", "w1", ALL));
            s.mergeDays("jan000001", List.of(day(D.minusDays(400), 1, 2, 60.0), day(D, 400, 5000, 60.0)));
            assertEquals(1, s.purgeBefore(D.minusDays(365)));
            assertEquals(List.of(D), List.copyOf(s.days("jan000001", D.minusDays(500), D).keySet()));
            s.savePlacement(new Placement("w1", "b1", "_ind-abc", "sleepHours", 4, 9));
            s.savePlacement(new Placement("w2", "b2", "_ind-def", "steps", 2, 9));
            assertEquals(1, s.placements("w1").size());
            s.deletePlacement("b1", "_ind-abc");
            assertEquals(List.of("_ind-def"), s.allPlacements().stream().map(Placement::item).toList());
            ImportStatus st = new ImportStatus("imp9", "jan000001", ImportStatus.FAILED, 0.4, 0,
                    List.of(new Warnings.Warning("nap", 2, "2 × naps")), "file_mismatch", "x.json: named like steps", 7);
            s.saveImport(st);
            assertEquals(st, s.importStatus("imp9").orElseThrow());
        }
    }

    static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }
}
