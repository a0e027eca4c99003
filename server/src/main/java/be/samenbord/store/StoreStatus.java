package be.samenbord.store;

/**
 * Whether a store can make batches durable now (rules RE-1, OB-1, DU-5). {@code since} is the
 * epoch ms the state began (0 = since start), {@code reason} why it is failing (null while
 * healthy), {@code backlog} the writes waiting to be made durable.
 */
public record StoreStatus(State state, String reason, long since, long backlog) {

    public enum State {
        /** Writes are made durable. */
        HEALTHY,
        /** Writes fail at once while the store retries in the background. */
        FAILING;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static StoreStatus healthy(long backlog) {
        return new StoreStatus(State.HEALTHY, null, 0, backlog);
    }

    public boolean healthy() {
        return state == State.HEALTHY;
    }

    public StoreStatus withBacklog(long n) {
        return new StoreStatus(state, reason, since, n);
    }
}
