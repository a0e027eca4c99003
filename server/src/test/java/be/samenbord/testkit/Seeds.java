package be.samenbord.testkit;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Seeds of the randomised tests. {@code mvn verify} runs each test's fixed seeds plus the seeds
 * that once failed (pinned, kept forever). One switch runs every property and fuzz test with
 * fresh seeds instead, printed so a failure can be replayed and pinned: {@code -Dseeds=random}
 * or the environment variable {@code SEEDS=random} (which the web tests read too); a test may
 * also have its own switch (e.g. {@code -Dfuzz.seeds=random} or a list {@code -Dfuzz.seeds=7,8}).
 */
public final class Seeds {

    private Seeds() {
    }

    /** Whether fresh seeds are asked for, in general or by {@code ownSwitch} (may be null). */
    public static boolean fresh(String ownSwitch) {
        return "random".equals(System.getProperty("seeds")) || "random".equals(System.getenv("SEEDS"))
                || (ownSwitch != null && "random".equals(System.getProperty(ownSwitch)));
    }

    /**
     * The seeds {@code test} runs: fresh ones ({@code freshCount}, printed) when asked for, a list
     * given in {@code ownSwitch}, else the fixed and pinned ones.
     */
    public static LongStream of(String test, String ownSwitch, long[] fixed, long[] pinned, int freshCount) {
        if (fresh(ownSwitch)) {
            long[] seeds = new SecureRandom().longs(freshCount).map(s -> s & Long.MAX_VALUE).toArray();
            System.out.println(test + " fresh seeds: " + Arrays.toString(seeds) + " (a failing one goes into the test's PINNED list)");
            return LongStream.of(seeds);
        }
        String given = ownSwitch == null ? "" : System.getProperty(ownSwitch, "");
        if (!given.isBlank()) return Arrays.stream(given.split(",")).mapToLong(s -> Long.parseLong(s.trim()));
        return LongStream.concat(LongStream.of(fixed), LongStream.of(pinned));
    }
}
