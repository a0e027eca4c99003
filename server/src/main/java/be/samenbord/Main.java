package be.samenbord;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar samenbord.jar}: one node, settings from SAMENBORD_* environment variables. */
public final class Main {

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Main() {
    }

    public static void main(String[] args) {
        // Before any logger exists: the stop steps of the shutdown hook must still reach the log.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
        // Hazelcast runs the callbacks of its futures on ForkJoinPool.commonPool(), but where that
        // pool would have one thread (2 cores or fewer) it starts a new thread per callback: some
        // 270 thread starts per second per node under the benchmark's S1 (JFR). Two pooled threads
        // instead. Read when ForkJoinPool is first used, so it is set before anything else runs.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        Logger log = Logger.getLogger("be.samenbord");
        Settings settings;
        try {
            settings = Settings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log.severe("bad setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        Settings.unknownVariables(System.getenv())
                .forEach(name -> log.warning(name + " is not a setting of this node (typo?); it is ignored"));
        try {
            Node node = Node.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.stop();
                ShutdownLogManager.nodeStopped();
            }, "samenbord-shutdown"));
        } catch (Exception e) {
            log.log(Level.SEVERE, "could not start: " + e.getMessage(), e);
            System.exit(1);
        }
    }
}
