package be.samenbord.sync;

import be.samenbord.Settings;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who may still join a board on this node (rules LI-11, LI-12): a hello rate per client address,
 * and caps on the joined connections of one token, and of one address, on one board. 1,500 hellos
 * on one participant token once slowed a real user's acks on that board to seconds (every join
 * is a welcome for the joiner and a presence frame for everyone else); the caps keep a training
 * of a few hundred people behind one NAT address working. Thread-safe: hellos arrive on every
 * event loop.
 */
final class Admissions {

    private final Settings.Limits limits;
    private final AddressRate hellos;
    private final Map<String, Integer> perToken = new HashMap<>();
    private final Map<String, Integer> perAddress = new HashMap<>();

    Admissions(Settings.Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.hellos = new AddressRate(limits.helloPerSecondPerAddress(), limits.helloBurstPerAddress(), nanoClock);
    }

    /** A place on a board, held while the connection is joined; released once. */
    final class Ticket {
        private final String tokenKey;
        private final String addressKey;
        private boolean released;

        private Ticket(String tokenKey, String addressKey) {
            this.tokenKey = tokenKey;
            this.addressKey = addressKey;
        }

        void release() {
            synchronized (Admissions.this) {
                if (released) return;
                released = true;
                perToken.computeIfPresent(tokenKey, (k, n) -> n > 1 ? n - 1 : null);
                perAddress.computeIfPresent(addressKey, (k, n) -> n > 1 ? n - 1 : null);
            }
        }
    }

    /**
     * Takes a place on {@code board} for a connection of {@code token} (workshop and role) from
     * {@code address}, or throws the {@link WireError} to answer the hello with.
     */
    Ticket admit(String board, String token, String address) {
        if (!hellos.tryAcquire(address).allowed()) {
            throw new WireError(WireError.RATE_LIMITED, "too many hellos from your address; try again later");
        }
        String tokenKey = board + '\n' + token;
        String addressKey = board + '\n' + address;
        synchronized (this) {
            if (perToken.getOrDefault(tokenKey, 0) >= limits.maxConnPerTokenPerBoard()) {
                throw new WireError(WireError.TOO_MANY_CONNECTIONS, "this link already has " + limits.maxConnPerTokenPerBoard()
                        + " connections to this board");
            }
            if (perAddress.getOrDefault(addressKey, 0) >= limits.maxConnPerAddressPerBoard()) {
                throw new WireError(WireError.TOO_MANY_CONNECTIONS, "your address already has " + limits.maxConnPerAddressPerBoard()
                        + " connections to this board");
            }
            perToken.merge(tokenKey, 1, Integer::sum);
            perAddress.merge(addressKey, 1, Integer::sum);
            return new Ticket(tokenKey, addressKey);
        }
    }
}
