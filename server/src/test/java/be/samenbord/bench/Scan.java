package be.samenbord.bench;

/**
 * Cheap reads of a few values from frame text, so that the load generator spends its CPU on
 * sockets rather than on JSON trees (the frames come from Samenbord or the bare relay, both of
 * which write compact JSON).
 */
final class Scan {

    private Scan() {
    }

    /** The integer right after {@code key} (searched from {@code from}), or -1. */
    static long longAfter(String s, String key, int from) {
        int i = s.indexOf(key, from);
        if (i < 0) return -1;
        i += key.length();
        long v = 0;
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') v = v * 10 + (s.charAt(i++) - '0');
        return i == start ? -1 : v;
    }

    /** The string value right after {@code key} (which ends with the opening quote), or null. */
    static String stringAfter(String s, String key, int from) {
        int i = s.indexOf(key, from);
        if (i < 0) return null;
        int end = s.indexOf('"', i + key.length());
        return end < 0 ? null : s.substring(i + key.length(), end);
    }

    /** The batch number of an ack for a batch id "b&lt;n&gt;", or -1. */
    static long batchNo(String ack) {
        return longAfter(ack, "\"batch\":\"b", 0);
    }

    /**
     * The first stamp of an ops frame as {client, batchNo}, or null when it is not one of ours.
     * A stamp is {@code "s":[ms,counter,"replica"]}; counter = batchNo * 16 + op index.
     */
    static long[] firstStamp(String f) {
        int i = f.indexOf("\"s\":[");
        if (i < 0) return null;
        int comma = f.indexOf(',', i + 5);
        if (comma < 0) return null;
        long counter = longAfter(f, ",", comma);
        if (counter < 0) return null;
        int q = f.indexOf('"', comma + 1);
        int q2 = q < 0 ? -1 : f.indexOf('"', q + 1);
        if (q2 < 0) return null;
        int client = Workload.clientOf(f, q + 1, q2);
        return client < 0 ? null : new long[] {client, counter / Workload.OPS_PER_BATCH_SLOT};
    }
}
