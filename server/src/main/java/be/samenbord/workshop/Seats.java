package be.samenbord.workshop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who a replica is (rules ID-1..ID-4). A replica id is public: it is in every stamp, in
 * {@code welcome.peers} and in presence, so holding one proves nothing. A seat is a person's
 * secret; its id is a hash of the secret, and a seated replica names that id, so only the holder
 * of the secret can speak as it. Everything that belongs to a person (private notes, dots, the
 * creator of a note) is keyed on {@link #personOf}, so one person's tabs share them. Pure.
 */
public final class Seats {

    /** A seat secret as the hello carries it (ID-1). */
    public static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    /** {@code <24 hex seat id>_<4-39 alphanumerics>} (ID-2), as {@link #seated} checks it. */
    public static final Pattern SEATED = Pattern.compile("[0-9a-f]{24}_[A-Za-z0-9]{4,39}");
    private static final int SEAT_ID_CHARS = 24;
    /** The node's own replica (FA-1); no client may use it (ID-4). */
    public static final String NODE_REPLICA = "samenbord-node";

    private Seats() {
    }

    /** The seat id of a secret: lowercase hex of the first 12 bytes of its SHA-256 (ID-1). */
    public static String seatId(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, SEAT_ID_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether the replica id has the seated form, so that only its seat may use it (ID-2). */
    public static boolean seated(String replica) {
        // By hand rather than SEATED.matcher: visibility asks this per register and viewer.
        int n = replica.length();
        if (n < SEAT_ID_CHARS + 5 || n > SEAT_ID_CHARS + 40 || replica.charAt(SEAT_ID_CHARS) != '_') return false;
        for (int i = 0; i < n; i++) {
            char c = replica.charAt(i);
            boolean ok = i < SEAT_ID_CHARS ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                    : i == SEAT_ID_CHARS || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!ok) return false;
        }
        return true;
    }

    /** The person behind a replica: its seat id when seated, else the replica itself (ID-3). */
    public static String personOf(String replica) {
        return seated(replica) ? replica.substring(0, SEAT_ID_CHARS) : replica;
    }

    /** Whether two replicas are the same person (ID-3). */
    public static boolean samePerson(String a, String b) {
        return a != null && b != null && personOf(a).equals(personOf(b));
    }

    /**
     * Why a hello with this replica and seat secret (null = none) is forbidden, or null when it
     * may speak. Unseated replicas stay allowed without a seat: v1 clients know nothing of seats.
     * A seat with an unseated replica is malformed, not forbidden: the caller checks that first.
     */
    public static String refusal(String replica, String secret) {
        if (NODE_REPLICA.equals(replica)) return "the replica id " + NODE_REPLICA + " is the node's own";
        if (!seated(replica)) return null;
        if (secret == null) return "this replica id belongs to a seat; send that seat's secret";
        return replica.startsWith(seatId(secret) + "_") ? null : "this replica id belongs to another seat";
    }
}
