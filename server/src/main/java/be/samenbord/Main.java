package be.samenbord;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar samenbord.jar}: one node, settings from SAMENBORD_* environment variables. */
public final class Main {

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
