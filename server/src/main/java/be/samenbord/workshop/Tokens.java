package be.samenbord.workshop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Tokens and ids (rule AU-1): a token is 192 random bits, base64url; only its SHA-256 is stored,
 * so a leaked data directory hands out no access. Randomness is injected: production passes a
 * SecureRandom, tests may pass a seeded one.
 */
public final class Tokens {

    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private final RandomGenerator random;

    public Tokens(RandomGenerator random) {
        this.random = random;
    }

    public String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short readable id (about 60 bits): enough for names, not a secret. */
    public String newId() {
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < 12; i++) b.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        return b.toString();
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
