package be.samenbord.sync;

import java.util.List;
import java.util.Random;

/**
 * Frames a hostile client would send (issue "Trust at the edge"): valid frames of every type,
 * the same frames mutated as text, structured nonsense, random Unicode with lone surrogates
 * (written as JSON escapes, the only way they cross a WebSocket), random stamps and replica ids.
 * Deterministic for a seed, so a failing seed replays.
 */
final class FuzzFrames {

    private final Random r;
    private final String replica;
    private final String board;
    private final String token;
    private final List<String> stolenReplicas;

    /**
     * @param replica        the fuzzer's own replica id
     * @param stolenReplicas replica ids of other people the fuzzer has seen (stamps, peers)
     */
    FuzzFrames(Random random, String replica, String board, String token, List<String> stolenReplicas) {
        this.r = random;
        this.replica = replica;
        this.board = board;
        this.token = token;
        this.stolenReplicas = stolenReplicas;
    }

    String next() {
        return sendable(switch (r.nextInt(10)) {
            case 0, 1, 2 -> mutate(valid());
            case 3, 4 -> valid();
            case 5 -> ops(text(), randomReplica());
            case 6 -> control();
            case 7 -> "\"" + text() + "\"";
            case 8 -> nested();
            default -> mutate(mutate(valid()));
        });
    }

    /**
     * A WebSocket text frame is UTF-8, which cannot carry a lone surrogate; a cut through an emoji
     * makes one, so it is written as a JSON escape instead, as a hostile client would.
     */
    static String sendable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A hello as an impostor or a confused client would send it. */
    String hello() {
        String rep = switch (r.nextInt(5)) {
            case 0 -> pick(stolenReplicas);
            case 1 -> randomReplica();
            case 2 -> "samenbord-node";
            default -> replica;
        };
        String seat = switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> "A".repeat(22 + r.nextInt(100));
            case 2 -> text();
            default -> "fuzz-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + "-seat-secret-xx";
        };
        String frame = "{\"t\":\"hello\",\"v\":" + (r.nextInt(8) == 0 ? 2 : 1) + ",\"token\":\"" + (r.nextInt(6) == 0 ? text() : token)
                + "\",\"board\":\"" + board + "\",\"replica\":\"" + rep + "\",\"name\":\"" + text() + "\""
                + (seat == null ? "" : ",\"seat\":\"" + seat + "\"")
                + (r.nextBoolean() ? ",\"since\":" + (r.nextInt(5) - 1) : "") + "}";
        return sendable(r.nextInt(4) == 0 ? mutate(frame) : frame);
    }

    private String valid() {
        return switch (r.nextInt(4)) {
            case 0 -> "{\"t\":\"presence\",\"cursor\":[" + number() + "," + number() + "],\"selection\":[\"" + itemId() + "\"]}";
            case 1 -> control();
            default -> ops(r.nextBoolean() ? "Een idee over werkdruk" : text(), replica);
        };
    }

    private String ops(String text, String stampReplica) {
        StringBuilder b = new StringBuilder("{\"t\":\"ops\",\"batch\":\"fz-").append(r.nextInt(1_000_000)).append("\",\"ops\":[");
        int n = 1 + r.nextInt(4);
        String item = itemId();
        String[] fields = {"kind", "text", "zone", "x", "y", "w", "deleted", "z", "color", "author", "vote:" + stampReplica,
                "vote:" + pick(stolenReplicas), "layer", "label", "kind"};
        // Half the batches are plausible (good stamps, known fields), so they reach the merge, the
        // facilitation rules and the store, not only the first check.
        boolean plausible = r.nextBoolean();
        for (int k = 0; k < n; k++) {
            if (k > 0) b.append(',');
            String field = plausible ? pick(List.of("kind", "text", "zone", "x", "author", "vote:" + stampReplica)) : fields[r.nextInt(fields.length)];
            String value = switch (field) {
                case "kind" -> r.nextInt(4) > 0 ? "\"note\"" : "\"" + text() + "\"";
                case "x", "y", "w" -> number();
                case "deleted" -> r.nextBoolean() ? "true" : "null";
                case "zone" -> pick(List.of("\"north\"", "\"south\"", "null", "\"" + text() + "\""));
                default -> field.startsWith("vote:") ? Integer.toString(r.nextInt(120) - 10) : "\"" + text() + "\"";
            };
            b.append("{\"i\":\"").append(r.nextInt(10) == 0 ? "_control" : item).append("\",\"f\":\"").append(field)
                    .append("\",\"v\":").append(value).append(",\"s\":")
                    .append(plausible ? "[" + (System.currentTimeMillis() + k) + "," + r.nextInt(1000) + ",\"" + stampReplica + "\"]" : stamp(stampReplica))
                    .append('}');
        }
        return b.append("]}").toString();
    }

    private String control() {
        String action = pick(List.of("privateStart", "reveal", "voteStart", "voteClose", "instruction", "timerStart", "roundStart",
                "follow", "breakoutAssign", "selfDestruct", "unlock"));
        return "{\"t\":\"control\",\"request\":\"c" + r.nextInt(1000) + "\",\"action\":\"" + action + "\",\"dots\":" + (r.nextInt(25) - 2)
                + ",\"text\":\"" + text() + "\",\"seconds\":" + (r.nextInt(100) - 5) + ",\"kind\":\"check-in\",\"prompt\":\"" + text()
                + "\",\"board\":\"" + board + "\",\"x\":" + number() + ",\"y\":1,\"zoom\":" + number() + ",\"replica\":\""
                + pick(stolenReplicas) + "\",\"group\":null}";
    }

    private String stamp(String stampReplica) {
        long now = System.currentTimeMillis();
        return switch (r.nextInt(10)) {
            case 0 -> "[" + (now + 3_600_000) + ",0,\"" + stampReplica + "\"]";
            case 1 -> "[-1,0,\"" + stampReplica + "\"]";
            case 2 -> "[" + now + "," + Long.MAX_VALUE + ",\"" + stampReplica + "\"]";
            case 3 -> "[" + now + ",0,\"" + randomReplica() + "\"]";
            case 4 -> "[" + (now - r.nextInt(100_000_000)) + ",0,\"" + stampReplica + "\"]";
            case 5 -> "[\"now\",0]";
            default -> "[" + (now + r.nextInt(2000)) + "," + r.nextInt(1000) + ",\"" + stampReplica + "\"]";
        };
    }

    /** Text with the characters that break encoders: lone surrogates, pairs, controls, RTL, NUL. */
    String text() {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12) == 0 ? 3000 + r.nextInt(2000) : r.nextInt(24);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(12)) {
                case 0 -> b.append("\\u").append(String.format("%04x", 0xD800 + r.nextInt(0x800)));
                case 1 -> b.append("\\ud83d\\ude00");
                case 2 -> b.append("\\u0000");
                case 3 -> b.append("\\u202e");
                case 4 -> b.appendCodePoint(0x1F600 + r.nextInt(80));
                case 5 -> b.appendCodePoint(0x4E00 + r.nextInt(2000));
                case 6 -> b.append("ë́");
                case 7 -> b.append("\\\"");
                case 8 -> b.append("\\n");
                default -> b.append((char) ('a' + r.nextInt(26)));
            }
        }
        return b.toString();
    }

    private String number() {
        return pick(List.of("1", "-0", "1e308", "-1e400", "12.5", "99999999999999999999", "\"5\"", "null", Integer.toString(r.nextInt(2000))));
    }

    private String itemId() {
        return pick(List.of("n1", "n2", "n3", "", "x".repeat(70), "ok:1", "_control", "noteA"));
    }

    private String randomReplica() {
        return r.nextInt(3) == 0 ? pick(stolenReplicas) : "r" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
    }

    private String nested() {
        int depth = r.nextInt(3) == 0 ? 2000 : r.nextInt(50);
        return "{\"t\":\"ops\",\"batch\":\"deep\",\"ops\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** Text-level damage: cut, splice, duplicate, swap a character, or plant a lone surrogate. */
    String mutate(String s) {
        if (s.isEmpty()) return "{";
        int at = r.nextInt(s.length());
        return switch (r.nextInt(6)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(0, at) + pick(List.of("{", "}", "\"", ",", ":", "[", "\\ud800", "null", "\\")) + s.substring(at);
            case 2 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(8)));
            case 3 -> s.substring(0, at) + s.substring(at, Math.min(s.length(), at + 20)).repeat(2) + s.substring(Math.min(s.length(), at + 20));
            case 4 -> s.replace("\"note\"", "\"\\udfff\"");
            default -> s.substring(0, at) + (char) (' ' + r.nextInt(95)) + s.substring(Math.min(s.length(), at + 1));
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
