package be.samenbord.sync;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A close frame's reason fits in 123 bytes (RFC 6455 5.5), or clients drop the close as corrupt. */
class CloseReasonTest {

    @Test
    @DisplayName("a short reason is kept as it is")
    void shortReason() {
        String r = "slow consumer: reconnect with since";
        assertSame(r, Connection.closeReason(r));
    }

    @Test
    @DisplayName("an event-bus timeout message is cut to 123 bytes")
    void longReason() {
        String r = "owner refused the session: Timed out after waiting 15000(ms) for a reply. address: __vertx.reply."
                + "2b45fdf0-b149-4c46-abc4-02ff4877b74b, repliedAddress: samenbord.owner.c1cdb6ed-bdec-4b02-81bd-f4e4252bdaff";
        String cut = Connection.closeReason(r);
        assertEquals(123, cut.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(r.startsWith(cut));
    }

    @Test
    @DisplayName("the cut never splits a multi-byte character")
    void multiByte() {
        // 122 ASCII bytes, then 'é' (2 bytes) would straddle the limit: it is left out whole.
        String r = "x".repeat(122) + "é" + "tail";
        assertEquals("x".repeat(122), Connection.closeReason(r));
        String euro = "€".repeat(60); // 3 bytes each: 41 fit in 123
        assertEquals("€".repeat(41), Connection.closeReason(euro));
    }
}
