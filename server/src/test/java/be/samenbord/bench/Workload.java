package be.samenbord.bench;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The edit mix every system gets, as Samenbord {@code ops} frames (the bare relay speaks the same
 * frames): per batch 50 % move a note (x, y), 30 % edit a note's text (~80 characters), 15 % create
 * a note (kind, text, zone, x, y), 5 % vote on a board mate's note. An editor only moves and edits
 * notes it created, so every op wins its register and is fanned out (the server drops ops that
 * lose); votes are per replica, so they never conflict either.
 *
 * <p>Stamps are {@code [ms, batchNo * 16 + op index, replica]}: a receiver reads the sender and
 * batch number back from the first op's stamp to compute the fan-out latency, without any extra
 * field in the message.
 */
final class Workload {

    static final String TEMPLATE = "windroos";
    static final String[] ZONES = {"north", "east", "south", "west"};
    static final int OPS_PER_BATCH_SLOT = 16;
    private static final String[] WORDS = {"team", "werkdruk", "overleg", "pauze", "feedback", "planning", "rust",
        "samen", "grenzen", "collega", "energie", "stress", "steun", "ruimte", "tijd", "afspraak", "focus", "balans",
        "vergadering", "thuiswerk", "waardering", "autonomie", "leren", "groei"};

    private Workload() {
    }

    static String replica(int client) {
        return String.format("bench-%06d", client);
    }

    /** The client index in a replica id made by {@link #replica(int)}, or -1. */
    static int clientOf(CharSequence s, int start, int end) {
        if (end - start != 12) return -1;
        int v = 0;
        for (int i = start + 6; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String noteId(int client, int k) {
        return "n" + client + "-" + k;
    }

    /** One client's editing state; used only on that client's event loop. */
    static final class Editor {
        final int client;
        final String replica;
        private final int[] mates;
        private final AtomicIntegerArray notesOf;
        private final SplittableRandom rnd;
        private long lastMs;

        /**
         * @param mates   the client indexes on the same board (this one included)
         * @param notesOf notes created so far, by client index (shared by the run)
         */
        Editor(int client, int[] mates, AtomicIntegerArray notesOf, long seed) {
            this.client = client;
            this.replica = replica(client);
            this.mates = mates;
            this.notesOf = notesOf;
            this.rnd = new SplittableRandom(seed);
        }

        /** The next batch frame, by the mix; {@code batchNo} goes into the batch id and the stamps. */
        String batch(long batchNo) {
            int roll = rnd.nextInt(100);
            int own = notesOf.get(client);
            if (own == 0 || roll >= 80 && roll < 95) return create(batchNo);
            StringBuilder b = start(batchNo);
            if (roll < 50) {
                String item = noteId(client, rnd.nextInt(own));
                op(b, item, "x", coord(), batchNo, 0).append(',');
                op(b, item, "y", coord(), batchNo, 1);
            } else if (roll < 80) {
                op(b, noteId(client, rnd.nextInt(own)), "text", quoted(text()), batchNo, 0);
            } else {
                int mate = mates[rnd.nextInt(mates.length)];
                int theirs = notesOf.get(mate);
                String item = theirs == 0 ? noteId(client, rnd.nextInt(own)) : noteId(mate, rnd.nextInt(theirs));
                op(b, item, "vote:" + replica, Integer.toString(1 + rnd.nextInt(5)), batchNo, 0);
            }
            return b.append("]}").toString();
        }

        /** A batch that creates one note (5 ops). */
        String create(long batchNo) {
            String item = noteId(client, notesOf.getAndIncrement(client));
            StringBuilder b = start(batchNo);
            op(b, item, "kind", "\"note\"", batchNo, 0).append(',');
            op(b, item, "text", quoted(text()), batchNo, 1).append(',');
            op(b, item, "zone", quoted(ZONES[rnd.nextInt(ZONES.length)]), batchNo, 2).append(',');
            op(b, item, "x", coord(), batchNo, 3).append(',');
            op(b, item, "y", coord(), batchNo, 4);
            return b.append("]}").toString();
        }

        /** A batch creating {@code count} notes at once (setup of the cold-load board); ≤ 100 notes. */
        String createMany(long batchNo, int count) {
            StringBuilder b = start(batchNo);
            for (int n = 0; n < count; n++) {
                String item = noteId(client, notesOf.getAndIncrement(client));
                if (n > 0) b.append(',');
                op(b, item, "kind", "\"note\"", batchNo, 0).append(',');
                op(b, item, "text", quoted(text()), batchNo, 0).append(',');
                op(b, item, "zone", quoted(ZONES[rnd.nextInt(ZONES.length)]), batchNo, 0).append(',');
                op(b, item, "x", coord(), batchNo, 0).append(',');
                op(b, item, "y", coord(), batchNo, 0);
            }
            return b.append("]}").toString();
        }

        String presence() {
            return "{\"t\":\"presence\",\"cursor\":[" + rnd.nextInt(1600) + "," + rnd.nextInt(1000) + "]}";
        }

        private StringBuilder start(long batchNo) {
            lastMs = Math.max(lastMs, System.currentTimeMillis());
            return new StringBuilder(320).append("{\"t\":\"ops\",\"batch\":\"b").append(batchNo).append("\",\"ops\":[");
        }

        private StringBuilder op(StringBuilder b, String item, String field, String json, long batchNo, int index) {
            // Ops of one batch share a counter slot; within it the index keeps each op's stamp unique.
            long counter = batchNo * OPS_PER_BATCH_SLOT + Math.min(index, OPS_PER_BATCH_SLOT - 1);
            return b.append("{\"i\":\"").append(item).append("\",\"f\":\"").append(field).append("\",\"v\":").append(json)
                    .append(",\"s\":[").append(lastMs).append(',').append(counter).append(",\"").append(replica).append("\"]}");
        }

        private String coord() {
            return Integer.toString(40 + rnd.nextInt(1400)) + "." + rnd.nextInt(10);
        }

        /** About 80 characters of words. */
        private String text() {
            StringBuilder t = new StringBuilder(96);
            while (t.length() < 72) {
                if (!t.isEmpty()) t.append(' ');
                t.append(WORDS[rnd.nextInt(WORDS.length)]);
            }
            return t.toString();
        }

        private static String quoted(String s) {
            return "\"" + s + "\"";
        }
    }
}
