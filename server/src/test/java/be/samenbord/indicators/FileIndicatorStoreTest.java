package be.samenbord.indicators;

import be.samenbord.indicators.store.FileIndicatorStore;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.Vault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded indicator store: files under the data directory (IND-14). */
class FileIndicatorStoreTest extends IndicatorStoreContract {

    @Override
    protected IndicatorStore open(Path dir, Vault vault) throws IOException {
        return FileIndicatorStore.open(dir, vault);
    }

    @Override
    protected String raw(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return b.toString();
    }

    @Test
    @DisplayName("IND-14: a generated key file and the store's directories are readable by the node's user only")
    void ownerOnly() throws IOException {
        Path key = dir.resolve("indicators").resolve("indicator.key");
        Vault v = Vault.fromFile(key);
        try (IndicatorStore s = open(dir, v)) {
            s.createPerson(person("kim000001", "w1", ALL));
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(key));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(dir.resolve("indicators")));
        // The same file gives the same key: the data opens again.
        try (IndicatorStore s = open(dir, Vault.fromFile(key))) {
            assertEquals("w1", s.person("kim000001").orElseThrow().workshop());
        }
    }
}
