package be.samenbord.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Hazelcast cluster of node processes on 127.0.0.1, each its own JVM, sharing one PostgreSQL
 * database. Every cluster gets a unique name and fresh ports (a leftover member with the same name
 * would slow joins). Room for {@code capacity} members: all their ports are listed up front, so a
 * member started later finds the others.
 */
public final class ClusterNodes implements AutoCloseable {

    private final String name = "sb-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Integer> clusterPorts = new ArrayList<>();
    private final Map<String, String> env;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final Path dataRoot;
    private final java.util.function.IntFunction<Map<String, String>> nodeEnv;

    public ClusterNodes(int capacity, String pgUrl, Map<String, String> extraEnv) {
        this(capacity, pgUrl, extraEnv, i -> Map.of());
    }

    /** As above; member {@code i} also gets {@code nodeEnv.apply(i)} (e.g. its ports behind a {@link MemberSwitch}). */
    public ClusterNodes(int capacity, String pgUrl, Map<String, String> extraEnv, java.util.function.IntFunction<Map<String, String>> nodeEnv) {
        this.nodeEnv = nodeEnv;
        for (int i = 0; i < capacity; i++) clusterPorts.add(MemberPorts.free());
        Map<String, String> e = new HashMap<>(Map.of("SAMENBORD_STORE", pgUrl, "SAMENBORD_DEMO", "false",
                "SAMENBORD_CLUSTER_NAME", name,
                "SAMENBORD_CLUSTER_MEMBERS", String.join(",", clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList()),
                "SAMENBORD_RATE_LIMIT", "100000", "SAMENBORD_RATE_BURST", "100000"));
        e.putAll(extraEnv);
        this.env = Map.copyOf(e);
        try {
            this.dataRoot = Files.createTempDirectory("samenbord-cluster");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts member number {@code nodes().size()} and waits until it serves. */
    public NodeProcess startNext() {
        int i = nodes.size();
        if (i >= clusterPorts.size()) throw new IllegalStateException("cluster is full");
        Map<String, String> e = new HashMap<>(env);
        e.put("SAMENBORD_CLUSTER_PORT", String.valueOf(clusterPorts.get(i)));
        e.putAll(nodeEnv.apply(i));
        NodeProcess node = NodeProcess.start(dataRoot.resolve("node" + i), e);
        nodes.add(node);
        return node;
    }

    public ClusterNodes startAll(int count) {
        for (int i = 0; i < count; i++) startNext();
        return this;
    }

    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public NodeProcess node(int i) {
        return nodes.get(i);
    }

    public List<String> bases() {
        return nodes.stream().map(NodeProcess::base).toList();
    }

    /** The node process whose Hazelcast member id is {@code id}. */
    public NodeProcess byId(String id) {
        for (NodeProcess n : nodes) {
            if (n.alive() && id.equals(nodeId(n))) return n;
        }
        throw new AssertionError("no live node with id " + id);
    }

    public static String nodeId(NodeProcess n) {
        return new Api(n.base()).get("/health", null).body().path("cluster").path("node").asText();
    }

    public static int memberCount(NodeProcess n) {
        JsonNode health = new Api(n.base()).get("/health", null).body();
        return health.path("cluster").path("members").size();
    }

    /** The node's {@code samenbord_redirects_total} from /metrics (RT-1). */
    public static double redirects(NodeProcess n) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^samenbord_redirects_total\\{[^}]*} ([0-9.E]+)$")
                .matcher(new Api(n.base()).get("/metrics", null).text());
        if (!m.find()) throw new AssertionError("no samenbord_redirects_total in /metrics of " + n.base());
        return Double.parseDouble(m.group(1));
    }

    /** Kills every member still running (by pid). */
    @Override
    public void close() {
        nodes.forEach(NodeProcess::close);
    }
}
