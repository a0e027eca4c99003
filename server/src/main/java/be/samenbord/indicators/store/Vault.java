package be.samenbord.indicators.store;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Encryption at rest of indicator records (IND-14): AES-256-GCM, a fresh 96-bit nonce per record,
 * the record's identity (person, day) as associated data so a record cannot be moved to another
 * person or day unnoticed. The key comes from {@code SAMENBORD_INDICATOR_KEY} (base64 of 32 bytes)
 * or, on the embedded store, from a key file generated in the data directory, readable by the
 * node's user only.
 */
public final class Vault {

    private static final Logger LOG = Logger.getLogger(Vault.class.getName());
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public Vault(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("an indicator key is 32 bytes (AES-256)");
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A key given as base64 (the setting). */
    public static Vault fromSetting(String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SAMENBORD_INDICATOR_KEY must be base64 of 32 random bytes (e.g. openssl rand -base64 32)");
        }
        if (k.length != 32) throw new IllegalArgumentException("SAMENBORD_INDICATOR_KEY must be base64 of exactly 32 bytes, got " + k.length);
        return new Vault(k);
    }

    /** The key in {@code file}, made (32 random bytes, owner read/write only) if it is not there yet. */
    public static Vault fromFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            FileIndicatorStore.privateDir(file.getParent());
            try {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                    LOG.warning("the file system of " + file + " has no POSIX permissions: restrict who may read it yourself");
                }
                Files.write(file, Base64.getEncoder().encode(k));
                LOG.info("generated the indicator key " + file + " (readable by this user only); keep a copy, without it the data cannot be read");
            } catch (FileAlreadyExistsException raced) {
                // Another start made it first: use that one.
            }
        }
        return fromSetting(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public byte[] seal(byte[] plain, String context) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Fails with {@link IOException} when the record was altered, moved, or sealed with another key. */
    public byte[] open(byte[] sealed, String context) throws IOException {
        if (sealed.length < NONCE + TAG_BITS / 8) throw new IOException("an indicator record is too short to be sealed");
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IOException("an indicator record does not open with this key (altered, moved, or another SAMENBORD_INDICATOR_KEY)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
