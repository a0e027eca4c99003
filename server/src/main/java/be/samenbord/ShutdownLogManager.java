package be.samenbord;

import java.util.logging.LogManager;

/**
 * The JDK closes every log handler in its own shutdown hook, which may run before the node's:
 * the stop steps would then log into nothing. This manager keeps logging until the node says it
 * has stopped. Installed by {@link Main} through {@code java.util.logging.manager}.
 */
public final class ShutdownLogManager extends LogManager {

    private static volatile ShutdownLogManager instance;
    private volatile boolean nodeStopped;

    public ShutdownLogManager() {
        instance = this;
    }

    @Override
    public void reset() {
        if (nodeStopped || !isShuttingDown()) super.reset();
    }

    private static boolean isShuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Called last by the node's shutdown hook: handlers may close now. */
    static void nodeStopped() {
        ShutdownLogManager m = instance;
        if (m != null) {
            m.nodeStopped = true;
            m.reset();
        }
    }
}
