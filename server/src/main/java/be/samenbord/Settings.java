package be.samenbord;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's one immutable configuration: environment variables with the {@code SAMENBORD_}
 * prefix, then defaults (PROTOCOL.md "Running a node", rules CF-*). A bad value stops the start
 * with a message naming the variable.
 *
 * @param publicUrl base of handed-out links; empty = {@code http://localhost:<bound port>}
 * @param nodeUrl   where clients reach this node itself (not the load balancer): an absolute URL or a
 *                  path on the load balancer ({@code /n/node1}); sent in redirects and listed by
 *                  {@code GET /api/nodes} (rules RT-1, CU-7); empty = the public URL
 * @param clusterHost address other members reach this node's Hazelcast port on, and the only interface
 *                    it listens on; empty = 127.0.0.1 when every listed member is on loopback, else
 *                    this host's address
 * @param clusterPublicAddress {@code host:port} the other members reach this member on when that is not
 *                    {@code clusterHost:clusterPort} (address translation, a port mapping, a proxy)
 * @param clusterOutboundPorts ports (e.g. {@code 33000-33099}) this member's outgoing member
 *                    connections start from, for firewall rules; empty = any
 * @param clusterQuorum members a side of the cluster needs to accept batches; empty = a majority of
 *                    the listed members (rule CU-8)
 * @param exportThreads fiche exports rendered at once (rule FI-9)
 * @param exportQueue   fiche exports that may wait for a thread; past that the answer is 503 busy
 * @param salvage     {@code SAMENBORD_RECOVERY=salvage}: start even on data that cannot be read (rule DU-7)
 * @param snapshotsKept snapshot generations the embedded store keeps (rule DU-6)
 * @param clusterBacklog batches a cluster node holds unpersisted while PostgreSQL is down before it
 *                    refuses new ones with {@code unavailable} (rule CU-11)
 * @param testDiskLimitBytes test hook: the embedded store fails writes as on a full disk past this
 *                    many bytes in its directory; 0 = off
 * @param boardIdleMs a board with no session for this long, everything stored, leaves memory (rule ME-1)
 * @param pruneHorizonMs batches older than this may be refused as stale and their ids, and deleted
 *                    items older than it, forgotten (rules GC-1..GC-3); 0 = never prune
 * @param storeQueueBytes records that may wait for the store; past it writes get unavailable (rule DU-9)
 * @param indicators  team indicators from activity trackers (IND-*)
 * @param search      search (rules SE-*)
 */
public record Settings(
        String httpHost,
        int httpPort,
        Path dataDir,
        Optional<String> store,
        List<String> clusterMembers,
        int clusterPort,
        String clusterName,
        Optional<String> clusterHost,
        Optional<String> clusterPublicAddress,
        Optional<String> clusterOutboundPorts,
        java.util.OptionalInt clusterQuorum,
        Optional<String> publicUrl,
        Optional<String> nodeUrl,
        Optional<String> apiKey,
        long helloTimeoutMs,
        int maxOpsPerBatch,
        int rateLimitPerSecond,
        int rateLimitBurst,
        int outQueueBytes,
        long snapshotEveryBytes,
        long snapshotCheckMs,
        boolean demoWorkshop,
        long pingMs,
        int exportThreads,
        int exportQueue,
        boolean salvage,
        int snapshotsKept,
        int clusterBacklog,
        long testDiskLimitBytes,
        Limits limits,
        long boardIdleMs,
        long pruneHorizonMs,
        long storeQueueBytes,
        Indicators indicators,
        Search search) {

    public static final String PREFIX = "SAMENBORD_";
    /** Every variable the node reads (without the prefix); anything else with the prefix is a typo. */
    public static final List<String> VARIABLES = List.of("HTTP_HOST", "HTTP_PORT", "DATA_DIR", "STORE", "CLUSTER_MEMBERS",
            "CLUSTER_PORT", "CLUSTER_NAME", "CLUSTER_HOST", "CLUSTER_PUBLIC_ADDRESS", "CLUSTER_OUTBOUND_PORTS",
            "CLUSTER_QUORUM", "PUBLIC_URL", "NODE_URL", "API_KEY", "HELLO_TIMEOUT_MS", "MAX_OPS_PER_BATCH", "RATE_LIMIT",
            "RATE_BURST", "OUT_QUEUE_BYTES", "SNAPSHOT_BYTES", "SNAPSHOT_CHECK_MS", "DEMO", "PING_MS",
            "EXPORT_THREADS", "EXPORT_QUEUE", "RECOVERY", "SNAPSHOTS_KEPT", "CLUSTER_BACKLOG", "TEST_DISK_LIMIT_BYTES",
            "HTTP_IDLE_MS", "CREATE_PER_MINUTE", "CREATE_BURST", "MAX_BOARDS_PER_WORKSHOP", "MAX_FICHES_PER_WORKSHOP",
            "MAX_CONN_PER_TOKEN_PER_BOARD", "MAX_CONN_PER_ADDRESS_PER_BOARD", "HELLO_RATE_PER_ADDRESS", "HELLO_BURST_PER_ADDRESS",
            "MAX_ITEMS_PER_BOARD", "MAX_BOARD_BYTES", "BOARD_IDLE_MS", "PRUNE_HORIZON_MS", "STORE_QUEUE_BYTES",
            "INDICATOR_KEY", "INDICATOR_K", "INDICATOR_K_HEART", "INDICATOR_RETENTION_DAYS", "INDICATOR_MAX_IMPORT_BYTES",
            "INDICATOR_IMPORT_THREADS", "INDICATOR_MAX_PEOPLE", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_AUTH_URL",
            "GOOGLE_TOKEN_URL", "GOOGLE_API_URL", "GOOGLE_PULL_DAYS",
            "SEARCH_REFRESH_MS", "SEARCH_THREADS", "SEARCH_QUEUE");
    /**
     * What one client, address or workshop may take of a node (PROTOCOL.md "Limits", LI-8 to LI-15),
     * so nobody with a link, or none, can exhaust it for the others.
     *
     * @param httpIdleMs             an HTTP connection (not an upgraded WebSocket) silent this long is closed (LI-8)
     * @param createPerMinute        workshops one client address may create per minute; 0 = no limit (LI-9)
     * @param createBurst            ... of which this many at once
     * @param maxBoardsPerWorkshop   boards of a workshop, fiches not counted (chosen, room, breakout copies; LI-10)
     * @param maxFichesPerWorkshop   fiche boards of a workshop (LI-10)
     * @param maxConnPerTokenPerBoard   joined connections of one token (workshop and role) on one board, per node (LI-11)
     * @param maxConnPerAddressPerBoard joined connections from one client address on one board, per node (LI-11)
     * @param helloPerSecondPerAddress  hellos one client address may send per second, per node (LI-12)
     * @param helloBurstPerAddress      ... of which this many at once
     * @param maxItemsPerBoard       items of a board, deleted ones included (LI-13)
     * @param maxBoardBytes          approximate size of a board's items as JSON (LI-13)
     */
    public record Limits(long httpIdleMs, int createPerMinute, int createBurst, int maxBoardsPerWorkshop, int maxFichesPerWorkshop,
                         int maxConnPerTokenPerBoard, int maxConnPerAddressPerBoard, int helloPerSecondPerAddress,
                         int helloBurstPerAddress, int maxItemsPerBoard, long maxBoardBytes) {
    }

    /**
     * Team indicators from activity trackers (PROTOCOL.md "Team indicators", IND-*).
     *
     * @param key            base64 of the 32-byte AES key sealing indicator records; empty = a key file
     *                       generated in the data directory (embedded store only; PostgreSQL needs it set)
     * @param k              people a team value needs at least (IND-10)
     * @param kHeart         ... for resting-heart-rate and HRV deviations
     * @param retentionDays  days are deleted this long after their date (IND-14)
     * @param maxImportBytes largest upload (413 beyond)
     * @param importThreads  imports run at once per node (503 busy beyond)
     * @param maxPeople      people per workshop (409 limit_reached beyond)
     * @param googleAuthUrl  Google's OAuth endpoints and the Google Health API base (tests point them at a local server)
     * @param googlePullDays days the Google Health connector pulls, back from today
     */
    public record Indicators(Optional<String> key, int k, int kHeart, int retentionDays, int maxImportBytes, int importThreads,
                             int maxPeople, Optional<String> googleClientId, Optional<String> googleClientSecret, String googleAuthUrl,
                             String googleTokenUrl, String googleApiUrl, int googlePullDays) {

        /** Whether the Google Health connector is set up (client id and secret given). */
        public boolean google() {
            return googleClientId.isPresent() && googleClientSecret.isPresent();
        }
    }

    /**
     * Search (PROTOCOL.md SE-5, SE-9).
     *
     * @param refreshMs how often what was indexed becomes searchable (an accepted batch within about this)
     * @param threads   searches answered at once on a node
     * @param queue     searches that may wait for a thread; past that 503 busy
     */
    public record Search(long refreshMs, int threads, int queue) {
    }

    /** Largest WebSocket message a client may send (contract, rule LI-1). */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** The WebSocket layer's own bound on a frame and a message (rule LI-1); the contract's is {@link #MAX_FRAME_BYTES}. */
    public static final int MAX_WS_MESSAGE_BYTES = 1024 * 1024;
    /** Longest note text in characters (contract, rule IT-2). */
    public static final int MAX_TEXT_CHARS = 4000;
    /** How far ahead of the node's clock a stamp may be (contract, rule ST-4). */
    public static final long MAX_CLOCK_AHEAD_MS = 60_000;

    /** True when this node joins a Hazelcast cluster (SAMENBORD_CLUSTER_MEMBERS set). */
    public boolean clustered() {
        return !clusterMembers.isEmpty();
    }

    public static Settings defaults() {
        return fromEnv(Map.of());
    }

    public static Settings fromEnv(Map<String, String> env) {
        Reader r = new Reader(env);
        Settings s = new Settings(
                r.string("HTTP_HOST", "0.0.0.0"),
                r.integer("HTTP_PORT", 8080, 0, 65535),
                Path.of(r.string("DATA_DIR", "./data")),
                r.optional("STORE"),
                r.optional("CLUSTER_MEMBERS").map(Settings::splitList).orElse(List.of()),
                r.integer("CLUSTER_PORT", 5701, 1, 65535),
                r.string("CLUSTER_NAME", "samenbord"),
                r.optional("CLUSTER_HOST"),
                r.optional("CLUSTER_PUBLIC_ADDRESS"),
                r.optional("CLUSTER_OUTBOUND_PORTS"),
                r.optionalInteger("CLUSTER_QUORUM", 1, 1000),
                r.optional("PUBLIC_URL").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
                r.optional("NODE_URL").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
                r.optional("API_KEY"),
                r.integer("HELLO_TIMEOUT_MS", 10_000, 100, 600_000),
                r.integer("MAX_OPS_PER_BATCH", 500, 1, 10_000),
                r.integer("RATE_LIMIT", 100, 1, 1_000_000),
                r.integer("RATE_BURST", 200, 1, 1_000_000),
                r.integer("OUT_QUEUE_BYTES", 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
                r.integer("SNAPSHOT_BYTES", 16 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                r.integer("SNAPSHOT_CHECK_MS", 30_000, 100, 86_400_000),
                r.bool("DEMO", true),
                r.integer("PING_MS", 25_000, 50, 600_000),
                r.integer("EXPORT_THREADS", 4, 1, 64),
                r.integer("EXPORT_QUEUE", 16, 0, 10_000),
                r.choice("RECOVERY", "strict", "strict", "salvage").equals("salvage"),
                r.integer("SNAPSHOTS_KEPT", 2, 1, 100),
                r.integer("CLUSTER_BACKLOG", 50_000, 1, 100_000_000),
                r.integer("TEST_DISK_LIMIT_BYTES", 0, 0, Integer.MAX_VALUE),
                new Limits(
                        r.integer("HTTP_IDLE_MS", 10_000, 100, 3_600_000),
                        r.integer("CREATE_PER_MINUTE", 10, 0, 1_000_000),
                        r.integer("CREATE_BURST", 10, 1, 1_000_000),
                        // 20 chosen templates and the room board always fit (rule RE-3).
                        r.integer("MAX_BOARDS_PER_WORKSHOP", 200, 21, 1_000_000),
                        r.integer("MAX_FICHES_PER_WORKSHOP", 200, 0, 1_000_000),
                        // A training of ~300 people behind one NAT address shares one participant token.
                        r.integer("MAX_CONN_PER_TOKEN_PER_BOARD", 400, 1, 1_000_000),
                        r.integer("MAX_CONN_PER_ADDRESS_PER_BOARD", 400, 1, 1_000_000),
                        r.integer("HELLO_RATE_PER_ADDRESS", 20, 1, 1_000_000),
                        // 300 people each joining the room and a board at once after a restart.
                        r.integer("HELLO_BURST_PER_ADDRESS", 600, 1, 1_000_000),
                        r.integer("MAX_ITEMS_PER_BOARD", 5_000, 1, 100_000_000),
                        r.integer("MAX_BOARD_BYTES", 4 * 1024 * 1024, 64 * 1024, Integer.MAX_VALUE)),
                r.longInteger("BOARD_IDLE_MS", 120_000, 100, 86_400_000L * 365),
                r.longInteger("PRUNE_HORIZON_MS", 7L * 24 * 3600 * 1000, 0, 86_400_000L * 3650),
                r.longInteger("STORE_QUEUE_BYTES", 64L << 20, 64 * 1024, 1L << 40),
                new Indicators(
                        r.optional("INDICATOR_KEY"),
                        r.integer("INDICATOR_K", 5, 2, 1000),
                        r.integer("INDICATOR_K_HEART", 10, 2, 1000),
                        r.integer("INDICATOR_RETENTION_DAYS", 365, 29, 3650),
                        r.integer("INDICATOR_MAX_IMPORT_BYTES", 1024 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                        r.integer("INDICATOR_IMPORT_THREADS", 2, 1, 64),
                        r.integer("INDICATOR_MAX_PEOPLE", 500, 1, 100_000),
                        r.optional("GOOGLE_CLIENT_ID"),
                        r.optional("GOOGLE_CLIENT_SECRET"),
                        r.string("GOOGLE_AUTH_URL", "https://accounts.google.com/o/oauth2/v2/auth"),
                        r.string("GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token"),
                        r.string("GOOGLE_API_URL", "https://health.googleapis.com/v4"),
                        r.integer("GOOGLE_PULL_DAYS", 90, 1, 3650)),
                new Search(
                        r.integer("SEARCH_REFRESH_MS", 100, 10, 900),
                        r.integer("SEARCH_THREADS", 2, 1, 64),
                        r.integer("SEARCH_QUEUE", 64, 0, 10_000)));
        for (String member : s.clusterMembers) {
            if (!MEMBER.matcher(member).matches()) {
                throw new IllegalArgumentException(PREFIX + "CLUSTER_MEMBERS lists host:port entries separated by commas, got '" + member + "'");
            }
        }
        s.clusterPublicAddress.ifPresent(a -> {
            if (!a.contains(":") || !MEMBER.matcher(a).matches()) {
                throw new IllegalArgumentException(PREFIX + "CLUSTER_PUBLIC_ADDRESS is host:port, got '" + a + "'");
            }
        });
        s.clusterOutboundPorts.ifPresent(p -> {
            if (!PORT_RANGES.matcher(p).matches()) {
                throw new IllegalArgumentException(PREFIX + "CLUSTER_OUTBOUND_PORTS lists ports or ranges (33000-33099) separated by commas, got '" + p + "'");
            }
        });
        s.nodeUrl.ifPresent(u -> {
            if (!NODE_URL.matcher(u).matches()) {
                throw new IllegalArgumentException(PREFIX + "NODE_URL is http(s)://host[:port][/path] or a path such as /n/node1, got '" + u + "'");
            }
        });
        if (s.clustered() && s.store.isEmpty()) {
            // Every node must read what any other node acknowledged; a node's own data directory cannot give that.
            throw new IllegalArgumentException(PREFIX + "CLUSTER_MEMBERS needs " + PREFIX
                    + "STORE=postgresql://...: a cluster keeps its boards in a store every node shares");
        }
        return s;
    }

    private static final java.util.regex.Pattern MEMBER =
            java.util.regex.Pattern.compile("[A-Za-z0-9.\\-]+(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?");

    /** An absolute http(s) URL, or a path of plain segments on the load balancer's origin. */
    private static final java.util.regex.Pattern NODE_URL =
            java.util.regex.Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[A-Za-z0-9._~\\-]+)*|(/[A-Za-z0-9._~\\-]+)+");

    private static final java.util.regex.Pattern PORT_RANGES =
            java.util.regex.Pattern.compile("\\d{1,5}(-\\d{1,5})?(\\s*,\\s*\\d{1,5}(-\\d{1,5})?)*");

    /**
     * Members a side of the cluster needs before it accepts batches (rule CU-8): the configured
     * {@code SAMENBORD_CLUSTER_QUORUM}, else a majority of the listed members.
     */
    public int clusterQuorumOrMajority() {
        return clusterQuorum.orElse(clusterMembers.size() / 2 + 1);
    }

    /** SAMENBORD_* variables in {@code env} that the node does not read: most likely typos. */
    public static List<String> unknownVariables(Map<String, String> env) {
        return env.keySet().stream().filter(k -> k.startsWith(PREFIX) && !VARIABLES.contains(k.substring(PREFIX.length())))
                .sorted().toList();
    }

    private static List<String> splitList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private record Reader(Map<String, String> env) {
        Optional<String> optional(String name) {
            if (!VARIABLES.contains(name)) throw new IllegalStateException("undeclared setting " + name);
            String v = env.get(PREFIX + name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        java.util.OptionalInt optionalInteger(String name, int min, int max) {
            return optional(name).isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(integer(name, 0, min, max));
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) return fallback;
            try {
                int n = Integer.parseInt(v.get());
                if (n < min || n > max) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + name + " must be a whole number from " + min + " to " + max
                        + ", got '" + v.get() + "'");
            }
        }

        long longInteger(String name, long fallback, long min, long max) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) return fallback;
            try {
                long n = Long.parseLong(v.get());
                if (n < min || n > max) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + name + " must be a whole number from " + min + " to " + max
                        + ", got '" + v.get() + "'");
            }
        }

        String choice(String name, String fallback, String... allowed) {
            String v = string(name, fallback).toLowerCase(java.util.Locale.ROOT);
            if (!List.of(allowed).contains(v)) {
                throw new IllegalArgumentException(PREFIX + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
            }
            return v;
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) return fallback;
            return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new IllegalArgumentException(PREFIX + name + " must be true or false, got '" + v.get() + "'");
            };
        }
    }
}
