package be.samenbord.cluster;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CU-8: which side of a split cluster may take batches, without Hazelcast. */
class MemberQuorumTest {

    private static final String A = "10.0.0.1:5701";
    private static final String B = "10.0.0.2:5701";
    private static final String C = "10.0.0.3:5701";
    private static final String D = "10.0.0.4:5701";

    @Test
    @DisplayName("CU-8: a majority of the listed members: two of three may, one may not, whatever happened before")
    void majorityOfTheListed() {
        MemberQuorum q = new MemberQuorum(3, 0);
        assertEquals(2, q.required());
        assertFalse(q.present(Set.of(A)), "a first member alone waits for a second");
        assertTrue(q.present(Set.of(A, B)));
        assertTrue(q.present(Set.of(A, B, C)));
        assertTrue(q.present(Set.of(A, B)), "one member died or was cut off: two carry on");
        assertFalse(q.present(Set.of(C)), "the one cut off refuses");
        assertFalse(q.present(Set.of(A)), "two dead or cut off: the last refuses, as it cannot tell");
    }

    @Test
    @DisplayName("CU-8: members that said they were leaving stop counting once gone, and count again once back")
    void gracefulLeavesShrinkTheCount() {
        MemberQuorum q = new MemberQuorum(3, 0);
        assertTrue(q.present(Set.of(A, B, C)));
        q.leaving(A);
        assertTrue(q.present(Set.of(A, B, C)), "still there while it leaves");
        assertEquals(2, q.required(), "two may exist");
        assertTrue(q.present(Set.of(B, C)));
        q.leaving(B);
        assertTrue(q.present(Set.of(C)), "the last one left after two graceful stops serves");
        assertTrue(q.present(Set.of(A, C)), "A back");
        assertEquals(2, q.required(), "A counts again");
        assertFalse(q.present(Set.of(C)), "A now gone without a word: C alone cannot tell it is not serving elsewhere");
    }

    @Test
    @DisplayName("CU-8: a member seen beyond the list counts too; a fixed SAMENBORD_CLUSTER_QUORUM is just that number")
    void moreThanListedAndFixed() {
        MemberQuorum q = new MemberQuorum(3, 0);
        assertTrue(q.present(Set.of(A, B, C, D)));
        assertEquals(3, q.required(), "four may exist");
        assertFalse(q.present(Set.of(A, B)), "two of four is no majority: the other two might be serving");
        MemberQuorum fixed = new MemberQuorum(3, 1);
        assertTrue(fixed.present(Set.of(A)));
        fixed.leaving(B);
        assertEquals(1, fixed.required());
    }
}
