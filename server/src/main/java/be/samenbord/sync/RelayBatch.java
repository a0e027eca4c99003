package be.samenbord.sync;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One event-bus message between two nodes carrying many relay items, in the order they were
 * made (see {@link RelayOutbox}). Owner to edge: frames for sessions, where one item names every
 * session on that edge that gets the same frame, and closes. Edge to owner: a session's batches,
 * presence and leave. Sent with {@link Codec}: length-prefixed UTF-8, so a frame crosses the bus
 * as it is, not escaped inside a JSON document.
 */
final class RelayBatch {

    /** Owner to edge: {@code text} to each session in {@code conns}; may be dropped while it lags (presence). */
    static final byte SEND = 1;
    static final byte SEND_DROPPABLE = 2;
    /** Owner to edge: close the session with {@code code} and reason {@code text}. */
    static final byte CLOSE = 3;
    /** Edge to owner: batch id {@code text}, ops {@code extra} (JSON array). */
    static final byte OPS = 4;
    /** Edge to owner: cursor {@code text}, selection {@code extra} (JSON, either may be null). */
    static final byte PRESENCE = 5;
    /** Edge to owner: the session is gone. */
    static final byte LEAVE = 6;

    /** {@code conns} is mutable: an outbox adds sessions to an item that sends the same frame. */
    record Item(byte kind, List<String> conns, String text, String extra, int code) {
        static Item of(byte kind, String conn, String text, String extra) {
            List<String> conns = new ArrayList<>(2);
            conns.add(conn);
            return new Item(kind, conns, text, extra, 0);
        }

        static Item close(String conn, short code, String reason) {
            List<String> conns = new ArrayList<>(1);
            conns.add(conn);
            return new Item(CLOSE, conns, reason, null, code);
        }
    }

    final List<Item> items;

    RelayBatch(List<Item> items) {
        this.items = items;
    }

    /** Wire form: item count, then per item kind, code, sessions, text, extra. */
    static final class Codec implements MessageCodec<RelayBatch, RelayBatch> {
        static final String NAME = "samenbord-relay-batch";

        @Override
        public void encodeToWire(Buffer out, RelayBatch b) {
            // Self-delimiting (counts and lengths), so no length prefix of its own.
            out.appendInt(b.items.size());
            for (Item i : b.items) {
                out.appendByte(i.kind()).appendInt(i.code()).appendInt(i.conns().size());
                for (String c : i.conns()) string(out, c);
                string(out, i.text());
                string(out, i.extra());
            }
        }

        @Override
        public RelayBatch decodeFromWire(int pos, Buffer in) {
            int[] at = {pos};
            int count = in.getInt(at[0]);
            at[0] += 4;
            List<Item> items = new ArrayList<>(count);
            for (int n = 0; n < count; n++) {
                byte kind = in.getByte(at[0]);
                int code = in.getInt(at[0] + 1);
                int conns = in.getInt(at[0] + 5);
                at[0] += 9;
                List<String> list = new ArrayList<>(conns);
                for (int c = 0; c < conns; c++) list.add(string(in, at));
                String text = string(in, at);
                items.add(new Item(kind, list, text, string(in, at), code));
            }
            return new RelayBatch(items);
        }

        private static void string(Buffer out, String s) {
            if (s == null) {
                out.appendInt(-1);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.appendInt(bytes.length).appendBytes(bytes);
        }

        private static String string(Buffer in, int[] at) {
            int len = in.getInt(at[0]);
            at[0] += 4;
            if (len < 0) return null;
            String s = in.getString(at[0], at[0] + len, "UTF-8");
            at[0] += len;
            return s;
        }

        /** On this node the batch is handed over as it is: nobody changes it after sending. */
        @Override
        public RelayBatch transform(RelayBatch b) {
            return b;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
