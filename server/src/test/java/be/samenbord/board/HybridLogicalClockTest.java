package be.samenbord.board;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule ST-3, with an injected wall clock. */
class HybridLogicalClockTest {

    @Test
    void stampsIncreaseWhenTheWallClockStallsOrStepsBack() {
        long[] wall = {5_000};
        HybridLogicalClock clock = new HybridLogicalClock("replica01", () -> wall[0]);
        Stamp a = clock.next();
        Stamp b = clock.next();
        wall[0] = 4_000;
        Stamp c = clock.next();
        wall[0] = 6_000;
        Stamp d = clock.next();
        assertTrue(b.isAfter(a) && c.isAfter(b) && d.isAfter(c));
        assertEquals(new Stamp(5_000, 2, "replica01"), c);
        assertEquals(new Stamp(6_000, 0, "replica01"), d);
    }

    @Test
    void observingAStampFromAheadMovesTheClockPastIt() {
        HybridLogicalClock clock = new HybridLogicalClock("replica01", () -> 1_000);
        clock.observe(new Stamp(9_000, 3, "replica02"));
        Stamp next = clock.next();
        assertEquals(new Stamp(9_000, 4, "replica01"), next);
    }
}
