package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/** Reads an action's arguments; a wrong one is a {@code bad_message} that names it (FA-8). */
final class Args {

    static final Pattern REPLICA = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private Args() {
    }

    static String text(JsonNode args, String name, int max, boolean required) {
        JsonNode n = args.get(name);
        if (n == null || n.isNull()) {
            if (required) throw ControlRefused.bad(name + " is required");
            return null;
        }
        if (!n.isTextual()) throw ControlRefused.bad(name + " must be a string");
        String s = n.asText();
        if (s.codePointCount(0, s.length()) > max) throw ControlRefused.bad(name + " is at most " + max + " characters");
        return s;
    }

    static int integer(JsonNode args, String name, int min, int max, Integer fallback) {
        JsonNode n = args.get(name);
        if (n == null || n.isNull()) {
            if (fallback == null) throw ControlRefused.bad(name + " is required");
            return fallback;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw ControlRefused.bad(name + " must be a whole number from " + min + " to " + max);
        }
        return n.asInt();
    }

    static boolean flag(JsonNode args, String name, boolean fallback) {
        JsonNode n = args.get(name);
        if (n == null || n.isNull()) return fallback;
        if (!n.isBoolean()) throw ControlRefused.bad(name + " must be true or false");
        return n.asBoolean();
    }

    static double number(JsonNode args, String name, double min, double max) {
        JsonNode n = args.get(name);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < min || n.asDouble() > max) {
            throw ControlRefused.bad(name + " must be a number from " + min + " to " + max);
        }
        return n.asDouble();
    }

    static String replica(JsonNode n, String what) {
        if (n == null || !n.isTextual() || !REPLICA.matcher(n.asText()).matches()) {
            throw ControlRefused.bad(what + " must be a replica id (8-64 of [A-Za-z0-9_-])");
        }
        return n.asText();
    }

    static String id(JsonNode args, String name, boolean required) {
        JsonNode n = args.get(name);
        if (n == null || n.isNull()) {
            if (required) throw ControlRefused.bad(name + " is required");
            return null;
        }
        if (!n.isTextual() || !ID.matcher(n.asText()).matches()) throw ControlRefused.bad(name + " must be an id");
        return n.asText();
    }
}
