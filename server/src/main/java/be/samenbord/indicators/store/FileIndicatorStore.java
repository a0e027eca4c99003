package be.samenbord.indicators.store;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.PersonDays;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The embedded indicator store (IND-14): under {@code <data dir>/indicators/} (owner-only
 * permissions), one sealed file per person ({@code people/<id>.sbp}) holding their consent and
 * days, replaced atomically (written, synced, renamed, directory synced), so an import or a consent
 * change is all or nothing; placements in {@code placements.json} (no values). Import statuses live
 * in memory: a single node answers for its own imports. Only this node writes here, so a decrypted
 * copy is kept in memory for aggregation.
 */
public final class FileIndicatorStore implements IndicatorStore {

    private static final Pattern ID = Pattern.compile("[a-z0-9]{8,40}");
    private final Path dir;
    private final Path peopleDir;
    private final Vault vault;
    private final Map<String, Person> people = new HashMap<>();
    private final Map<String, TreeMap<LocalDate, Day>> days = new HashMap<>();
    private final Map<String, Placement> placements = new LinkedHashMap<>();
    private final Map<String, ImportStatus> imports = new HashMap<>();

    private FileIndicatorStore(Path dir, Vault vault) {
        this.dir = dir;
        this.peopleDir = dir.resolve("people");
        this.vault = vault;
    }

    /** Opens (or makes) the store under {@code dataDir/indicators}; every record must open with the key. */
    public static FileIndicatorStore open(Path dataDir, Vault vault) throws IOException {
        FileIndicatorStore s = new FileIndicatorStore(dataDir.resolve("indicators"), vault);
        privateDir(s.dir);
        privateDir(s.peopleDir);
        s.load();
        return s;
    }

    /** A directory only the node's user may enter (made so, or made so again). */
    static void privateDir(Path d) throws IOException {
        Files.createDirectories(d);
        try {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the operator restricts access (README, "Team indicators").
        }
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(peopleDir, "*.sbp")) {
            for (Path f : files) {
                String id = f.getFileName().toString().replace(".sbp", "");
                JsonNode rec = DayCodec.read(vault.open(Files.readAllBytes(f), "person:" + id));
                people.put(id, new Person(id, rec.path("workshop").asText(), rec.path("keyHash").asText(), rec.path("created").asLong(),
                        DayCodec.consent(rec.path("consent"))));
                TreeMap<LocalDate, Day> mine = new TreeMap<>();
                rec.path("days").forEach(d -> {
                    Day day = DayCodec.day(d);
                    mine.put(day.date(), day);
                });
                days.put(id, mine);
            }
        }
        Path p = dir.resolve("placements.json");
        if (Files.exists(p)) {
            for (JsonNode n : DayCodec.read(Files.readAllBytes(p))) {
                Placement pl = new Placement(n.path("workshop").asText(), n.path("board").asText(), n.path("item").asText(),
                        n.path("indicator").asText(), n.path("weeks").asInt(), n.path("created").asLong());
                placements.put(pl.board() + "|" + pl.item(), pl);
            }
        }
    }

    @Override
    public synchronized void createPerson(Person p) throws IOException {
        if (!ID.matcher(p.id()).matches()) throw new IllegalArgumentException("person ids are 8-40 of [a-z0-9]");
        if (people.containsKey(p.id())) throw new IOException("person " + p.id() + " exists");
        write(p, new TreeMap<>());
        people.put(p.id(), p);
        days.put(p.id(), new TreeMap<>());
    }

    @Override
    public synchronized Optional<Person> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    @Override
    public synchronized List<Person> people(String workshop) {
        return people.values().stream().filter(p -> p.workshop().equals(workshop)).toList();
    }

    @Override
    public synchronized Person saveConsent(String person, Consent consent) throws IOException {
        Person p = require(person).withConsent(consent);
        TreeMap<LocalDate, Day> kept = new TreeMap<>();
        days.get(person).forEach((date, d) -> {
            Day only = d.only(consent);
            if (!only.isEmpty()) kept.put(date, only);
        });
        write(p, kept);
        people.put(person, p);
        days.put(person, kept);
        return p;
    }

    @Override
    public synchronized void mergeDays(String person, List<Day> incoming) throws IOException {
        Person p = require(person);
        TreeMap<LocalDate, Day> merged = new TreeMap<>(days.get(person));
        for (Day d : incoming) {
            Day only = d.only(p.consent());
            if (only.isEmpty()) continue;
            merged.merge(d.date(), only, Day::overlay);
        }
        write(p, merged);
        days.put(person, merged);
    }

    @Override
    public synchronized NavigableMap<LocalDate, Day> days(String person, LocalDate from, LocalDate to) throws IOException {
        require(person);
        return new TreeMap<>(days.get(person).subMap(from, true, to, true));
    }

    @Override
    public synchronized Map<String, PersonDays> team(String workshop, LocalDate from, LocalDate to) {
        Map<String, PersonDays> out = new HashMap<>();
        for (Person p : people.values()) {
            if (!p.workshop().equals(workshop) || !p.consent().team()) continue;
            out.put(p.id(), new PersonDays(p.consent(), days.get(p.id()).subMap(from, true, to, true)));
        }
        return out;
    }

    @Override
    public synchronized void erase(String person) throws IOException {
        require(person);
        Files.deleteIfExists(file(person));
        syncDir(peopleDir);
        people.remove(person);
        days.remove(person);
        imports.values().removeIf(s -> s.person().equals(person));
    }

    @Override
    public synchronized int purgeBefore(LocalDate cutoff) throws IOException {
        int purged = 0;
        for (Person p : List.copyOf(people.values())) {
            TreeMap<LocalDate, Day> mine = days.get(p.id());
            int old = mine.headMap(cutoff, false).size();
            if (old == 0) continue;
            TreeMap<LocalDate, Day> kept = new TreeMap<>(mine.tailMap(cutoff, true));
            write(p, kept);
            days.put(p.id(), kept);
            purged += old;
        }
        return purged;
    }

    @Override
    public synchronized void savePlacement(Placement p) throws IOException {
        placements.put(p.board() + "|" + p.item(), p);
        writePlacements();
    }

    @Override
    public synchronized void deletePlacement(String board, String item) throws IOException {
        if (placements.remove(board + "|" + item) != null) writePlacements();
    }

    @Override
    public synchronized List<Placement> placements(String workshop) {
        return placements.values().stream().filter(p -> p.workshop().equals(workshop)).toList();
    }

    @Override
    public synchronized List<Placement> allPlacements() {
        return List.copyOf(placements.values());
    }

    @Override
    public synchronized void saveImport(ImportStatus s) {
        imports.put(s.id(), s);
    }

    @Override
    public synchronized Optional<ImportStatus> importStatus(String id) {
        return Optional.ofNullable(imports.get(id));
    }

    @Override
    public void close() {
        // every write is synced before its call returns: nothing to flush
    }

    private Person require(String id) throws NoSuchPerson {
        Person p = people.get(id);
        if (p == null) throw new NoSuchPerson(id);
        return p;
    }

    private Path file(String id) {
        return peopleDir.resolve(id + ".sbp");
    }

    private void write(Person p, TreeMap<LocalDate, Day> mine) throws IOException {
        ObjectNode rec = DayCodec.JSON.createObjectNode().put("id", p.id()).put("workshop", p.workshop()).put("keyHash", p.keyHash())
                .put("created", p.createdAt());
        rec.set("consent", DayCodec.consentJson(p.consent()));
        ArrayNode list = rec.putArray("days");
        mine.values().forEach(d -> list.add(DayCodec.dayJson(d)));
        atomicWrite(file(p.id()), vault.seal(DayCodec.bytes(rec), "person:" + p.id()));
    }

    private void writePlacements() throws IOException {
        ArrayNode list = DayCodec.JSON.createArrayNode();
        placements.values().forEach(p -> list.addObject().put("workshop", p.workshop()).put("board", p.board()).put("item", p.item())
                .put("indicator", p.indicator()).put("weeks", p.weeks()).put("created", p.createdAt()));
        atomicWrite(dir.resolve("placements.json"), DayCodec.bytes(list));
    }

    /** Temp file, synced, renamed over the old one, directory synced: the old or the new, never half. */
    private static void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir(target.getParent());
    }

    private static void syncDir(Path d) throws IOException {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** For tests: the files of this store. */
    Path directory() {
        return dir;
    }

}
