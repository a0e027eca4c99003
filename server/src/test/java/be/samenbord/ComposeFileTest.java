package be.samenbord;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so docker/compose.yaml and docker/nginx.conf are checked as text
 * against the code: each node's environment is one {@link Settings#fromEnv} accepts and that forms
 * one cluster over the shared PostgreSQL, only the load balancer publishes a port, it routes
 * WebSockets to every node, and no credential but the local placeholder is written down.
 */
class ComposeFileTest {

    static final Path DIR = Path.of("..", "docker");
    /** The only password the repository may contain: a default meant for a local try-out. */
    static final String PLACEHOLDER = "samenbord-local";
    static final String PASSWORD_EXPR = "${POSTGRES_PASSWORD:-" + PLACEHOLDER + "}";
    /** Compose variables of the file itself (interpolated by Compose, never seen by a node). */
    static final Set<String> COMPOSE_VARIABLES = Set.of("SAMENBORD_PORT");

    static String text;
    static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(DIR.resolve("compose.yaml"));
        services = readYaml(text).path("services");
        assertTrue(services.isObject() && !services.isEmpty(), "compose.yaml has services");
    }

    @Test
    @DisplayName("CF-1: compose.yaml names only settings the node reads")
    void onlyKnownSettings() {
        Matcher m = Pattern.compile("SAMENBORD_([A-Z_]+)").matcher(text);
        int seen = 0;
        while (m.find()) {
            seen++;
            assertTrue(Settings.VARIABLES.contains(m.group(1)) || COMPOSE_VARIABLES.contains(m.group()),
                    "unknown setting " + m.group() + " in docker/compose.yaml");
        }
        assertTrue(seen > 0);
        services.properties().forEach(s -> env(s.getValue()).keySet().forEach(key -> assertFalse(COMPOSE_VARIABLES.contains(key),
                key + " is a Compose variable of the file, not a setting to hand a container")));
    }

    @Test
    @DisplayName("three nodes, built from the Dockerfile, form one cluster over the shared PostgreSQL")
    void nodesFormOneCluster() {
        Map<String, Settings> nodes = nodes();
        assertEquals(3, nodes.size(), "three node services (those with a build section)");
        String postgres = serviceWithImage("postgres:");
        JsonNode pgEnv = services.get(postgres).path("environment");
        for (var e : nodes.entrySet()) {
            String name = e.getKey();
            Settings s = e.getValue();
            JsonNode service = services.get(name);
            assertEquals("..", service.path("build").path("context").asText(), name + " builds from the repository root");
            assertEquals("docker/Dockerfile", service.path("build").path("dockerfile").asText(), name);
            assertTrue(s.clustered(), name + " sets SAMENBORD_CLUSTER_MEMBERS");
            String host = s.clusterHost().orElse("");
            assertEquals(name, memberNetworkHosts().get(host),
                    name + ": SAMENBORD_CLUSTER_HOST " + host + " is its own alias on the member network, so it binds there only (CU-10)");
            Map<String, Integer> members = new TreeMap<>();
            for (String member : s.clusterMembers()) {
                String[] hp = member.split(":");
                members.put(hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : s.clusterPort());
            }
            Map<String, String> hosts = new TreeMap<>();
            nodes.forEach((n, ns) -> hosts.put(ns.clusterHost().orElse(""), n));
            assertEquals(hosts.keySet(), members.keySet(), name + ": SAMENBORD_CLUSTER_MEMBERS lists exactly the nodes' cluster hosts");
            members.forEach((h, port) ->
                    assertEquals(nodes.get(hosts.get(h)).clusterPort(), port, name + " looks for " + h + " on its SAMENBORD_CLUSTER_PORT"));
            assertEquals(nodes.values().iterator().next().clusterName(), s.clusterName(), "one SAMENBORD_CLUSTER_NAME");

            String store = s.store().orElse("");
            assertTrue(store.startsWith("postgresql://"), name + " keeps its boards in PostgreSQL");
            PgConnectOptions pg = PgConnectOptions.fromUri(store);
            assertEquals(postgres, pg.getHost(), name + " reaches the postgres service");
            assertEquals(5432, pg.getPort());
            assertEquals(withDefaults(pgEnv.path("POSTGRES_USER").asText()), pg.getUser(), name);
            assertEquals(withDefaults(pgEnv.path("POSTGRES_DB").asText()), pg.getDatabase(), name);
            assertEquals(withDefaults(pgEnv.path("POSTGRES_PASSWORD").asText()), pg.getPassword(), name);

            assertEquals("service_healthy", service.path("depends_on").path(postgres).path("condition").asText(),
                    name + " starts once PostgreSQL answers");
            assertEquals("unless-stopped", service.path("restart").asText(), name);
        }
        assertTrue(nodes.values().stream().filter(Settings::demoWorkshop).count() <= 1,
                "at most one node creates the demo workshop: nodes starting together on an empty store would each make one");
        JsonNode pgService = services.get(postgres);
        assertTrue(pgService.path("healthcheck").path("test").toString().contains("pg_isready"), "postgres reports when it is ready");
        String volume = pgService.path("volumes").path(0).asText().split(":")[0];
        assertTrue(readYaml(text).path("volumes").has(volume), "PostgreSQL keeps its data in a named volume");
    }

    @Test
    @DisplayName("only the load balancer publishes a port, and links point at it")
    void onePublishedPort() {
        List<String> publishing = new ArrayList<>();
        services.properties().forEach(e -> { if (e.getValue().has("ports")) publishing.add(e.getKey()); });
        String lb = serviceWithImage("nginx:");
        assertEquals(List.of(lb), publishing, "exactly one service publishes ports: the load balancer");
        JsonNode ports = services.get(lb).path("ports");
        assertEquals(1, ports.size(), "one published port");
        String[] mapping = withDefaults(ports.get(0).asText()).split(":");
        assertEquals(2, mapping.length, "host:container");
        for (var e : nodes().entrySet()) {
            assertEquals("http://localhost:" + mapping[0], e.getValue().publicUrl().orElse(""),
                    e.getKey() + ": SAMENBORD_PUBLIC_URL is the load balancer's published address");
        }
        assertTrue(nginxConf().contains("listen " + mapping[1] + ";"), "nginx listens on the published container port");
        assertEquals(nodes().keySet(), names(services.get(lb).path("depends_on")), "the load balancer starts after the nodes");
        assertTrue(services.get(lb).path("volumes").toString().contains("./nginx.conf:"), "the load balancer uses docker/nginx.conf");
    }

    @Test
    @DisplayName("CU-10 (finding 7): the members talk on an internal network only the nodes join; PostgreSQL and nginx are on other internal networks; only nginx reaches a network with a published port")
    void memberNetworkIsPrivate() {
        JsonNode networks = readYaml(text).path("networks");
        Map<String, Settings> nodes = nodes();
        String postgres = serviceWithImage("postgres:");
        String lb = serviceWithImage("nginx:");
        Set<String> memberNetworks = new TreeSet<>();
        for (String node : nodes.keySet()) {
            String host = nodes.get(node).clusterHost().orElse("");
            JsonNode attached = services.get(node).path("networks");
            attached.fieldNames().forEachRemaining(net -> {
                if (names(attached.path(net).path("aliases")).contains(host)) memberNetworks.add(net);
            });
        }
        assertEquals(1, memberNetworks.size(), "every node's SAMENBORD_CLUSTER_HOST is an alias on one member network: " + memberNetworks);
        String cluster = memberNetworks.iterator().next();
        assertTrue(networks.path(cluster).path("internal").asBoolean(), "the member network " + cluster + " is internal: no way in or out");
        Set<String> onCluster = new TreeSet<>();
        services.properties().forEach(e -> { if (names(e.getValue().path("networks")).contains(cluster)) onCluster.add(e.getKey()); });
        assertEquals(nodes.keySet(), onCluster, "only the nodes join the member network " + cluster);
        services.properties().forEach(e -> {
            Set<String> joined = names(e.getValue().path("networks"));
            assertFalse(joined.isEmpty(), e.getKey() + " names its networks (the default network would put everyone together)");
            for (String net : joined) {
                assertTrue(networks.has(net), e.getKey() + " joins the declared network " + net);
                if (!e.getKey().equals(lb)) {
                    assertTrue(networks.path(net).path("internal").asBoolean(), e.getKey() + " is on internal networks only, not " + net);
                }
            }
        });
        Set<String> lbNets = names(services.get(lb).path("networks"));
        assertTrue(lbNets.stream().anyMatch(n -> !networks.path(n).path("internal").asBoolean()), "nginx is on a network its port can be published from");
        for (String node : nodes.keySet()) {
            Set<String> shared = new TreeSet<>(names(services.get(node).path("networks")));
            shared.retainAll(lbNets);
            assertFalse(shared.isEmpty(), "nginx reaches " + node + "'s HTTP port on a network they share");
            assertFalse(shared.contains(cluster), "nginx does not share the member network with " + node);
            Set<String> withDb = new TreeSet<>(names(services.get(node).path("networks")));
            withDb.retainAll(names(services.get(postgres).path("networks")));
            assertFalse(withDb.isEmpty(), node + " reaches PostgreSQL");
        }
        assertFalse(names(services.get(postgres).path("networks")).contains(cluster), "PostgreSQL is not on the member network");
    }

    /** Alias on the member network → node service, for every node. */
    static Map<String, String> memberNetworkHosts() {
        Map<String, String> out = new TreeMap<>();
        nodes().keySet().forEach(node -> {
            JsonNode attached = services.get(node).path("networks");
            attached.fieldNames().forEachRemaining(net -> names(attached.path(net).path("aliases")).forEach(a -> out.put(a, node)));
        });
        return out;
    }

    @Test
    @DisplayName("nginx routes WebSockets to every node and skips a dead or starting one")
    void nginxRoutesToEveryNode() {
        String conf = nginxConf();
        Matcher up = Pattern.compile("upstream\\s+(\\S+)\\s*\\{([^}]*)}").matcher(conf);
        assertTrue(up.find(), "an upstream block");
        assertTrue(conf.contains("proxy_pass http://" + up.group(1) + ";"), "proxies to the upstream");
        Map<String, Settings> nodes = nodes();
        Set<String> hosts = new TreeSet<>();
        Matcher server = Pattern.compile("server\\s+([^\\s:;]+):(\\d+)([^;]*);").matcher(up.group(2));
        while (server.find()) {
            String host = server.group(1);
            hosts.add(host);
            assertNotNull(nodes.get(host), "upstream server " + host + " is a node service");
            assertEquals(nodes.get(host).httpPort(), Integer.parseInt(server.group(2)), host + " on its SAMENBORD_HTTP_PORT");
            assertTrue(server.group(3).contains("max_fails=") && server.group(3).contains("fail_timeout="), host + ": max_fails and fail_timeout");
        }
        assertEquals(nodes.keySet(), hosts, "the upstream lists every node once");

        assertTrue(conf.contains("proxy_http_version 1.1;"), "WebSocket upgrade needs HTTP/1.1 to the node");
        assertTrue(conf.contains("proxy_set_header Upgrade $websocket_upgrade;")
                && Pattern.compile("map \\$http_upgrade \\$websocket_upgrade \\{\\s*~\\*\\^websocket\\$ websocket;\\s*default\\s+\"\";").matcher(conf).find(),
                "passes a WebSocket Upgrade header and no other (h2c would become a tunnel)");
        assertTrue(conf.contains("proxy_set_header Connection $connection_upgrade;")
                && Pattern.compile("map \\$websocket_upgrade \\$connection_upgrade \\{\\s*websocket upgrade;").matcher(conf).find(),
                "passes Connection: upgrade with it");
        Matcher next = Pattern.compile("proxy_next_upstream([^;]*);").matcher(conf);
        assertTrue(next.find(), "proxy_next_upstream");
        assertTrue(Set.of(next.group(1).trim().split("\\s+")).containsAll(Set.of("error", "timeout", "http_502", "http_503")),
                "skips a node that is down (error, timeout, 502) or not ready (503)");
        Matcher read = Pattern.compile("proxy_read_timeout\\s+(\\d+)([smhd]?);").matcher(conf);
        assertTrue(read.find(), "proxy_read_timeout");
        long ms = Long.parseLong(read.group(1)) * switch (read.group(2)) {
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 1000L;
        };
        for (Settings s : nodes.values()) assertTrue(ms > 2 * s.pingMs(), "idle WebSockets outlive several ping intervals");
    }

    @Test
    @DisplayName("RT-1: each node's SAMENBORD_NODE_URL is its own path on the load balancer, which nginx sends to that node alone, the prefix stripped")
    void nodePathsReachTheirNode() {
        String conf = nginxConf();
        Set<String> paths = new TreeSet<>();
        nodes().forEach((node, settings) -> {
            String url = settings.nodeUrl().orElseThrow(() -> new AssertionError(node + " sets SAMENBORD_NODE_URL"));
            assertTrue(url.startsWith("/"), node + ": a path on the load balancer, " + url);
            assertTrue(paths.add(url), "node URLs differ: " + url);
            Matcher loc = Pattern.compile("location\\s+" + Pattern.quote(url + "/") + "\\s*\\{\\s*proxy_pass\\s+http://([^/\\s]+)/;").matcher(conf);
            assertTrue(loc.find(), "a location " + url + "/ whose proxy_pass ends in / (strips the prefix)");
            Matcher up = Pattern.compile("upstream\\s+" + Pattern.quote(loc.group(1)) + "\\s*\\{([^}]*)}").matcher(conf);
            assertTrue(up.find(), "upstream " + loc.group(1));
            Matcher server = Pattern.compile("server\\s+([^\\s:;]+):(\\d+)").matcher(up.group(1));
            List<String> hosts = new ArrayList<>();
            while (server.find()) {
                hosts.add(server.group(1));
                assertEquals(settings.httpPort(), Integer.parseInt(server.group(2)), node + " on its SAMENBORD_HTTP_PORT");
            }
            assertEquals(List.of(node), hosts, url + " reaches " + node + " and nothing else");
        });
    }

    @Test
    @DisplayName("no credential is written down but the local placeholder")
    void noCredentials() {
        Matcher m = Pattern.compile("\\$\\{POSTGRES_PASSWORD([^}]*)}").matcher(text);
        int uses = 0;
        while (m.find()) {
            uses++;
            assertEquals(PASSWORD_EXPR, m.group(), "every use of the password defaults to the placeholder");
        }
        assertTrue(uses >= 2, "PostgreSQL and the nodes take the password from POSTGRES_PASSWORD");
        Pattern secret = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY).*");
        services.properties().forEach(service -> env(service.getValue()).forEach((key, value) -> {
            if (secret.matcher(key).matches()) {
                assertTrue(value.equals(PASSWORD_EXPR) || value.equals("${" + key + ":-}"),
                        service.getKey() + ": " + key + " comes from a variable, defaulting to the placeholder or empty");
            }
            if (key.equals("SAMENBORD_STORE")) {
                assertTrue(value.contains(":" + PASSWORD_EXPR + "@"), service.getKey() + ": the store URL's password is POSTGRES_PASSWORD");
            }
        }));
        String literals = text.replaceAll("\\$\\{[^}]*}", "").replaceAll("#[^\\n]*", "");
        assertFalse(Pattern.compile("(?i)password\\w*[ \\t]*[:=][ \\t]*\\S").matcher(literals).find(), "no literal password");
    }

    /** Node services (those built from the Dockerfile) and the settings each one starts with. */
    static Map<String, Settings> nodes() {
        Map<String, Settings> nodes = new TreeMap<>();
        services.properties().forEach(e -> {
            if (!e.getValue().has("build")) return;
            Map<String, String> env = new LinkedHashMap<>();
            env(e.getValue()).forEach((k, v) -> env.put(k, withDefaults(v)));
            assertEquals(List.of(), Settings.unknownVariables(env), e.getKey());
            nodes.put(e.getKey(), assertDoesNotThrow(() -> Settings.fromEnv(env), e.getKey() + "'s settings are accepted"));
        });
        return nodes;
    }

    static String serviceWithImage(String prefix) {
        List<String> found = new ArrayList<>();
        services.properties().forEach(e -> { if (e.getValue().path("image").asText().startsWith(prefix)) found.add(e.getKey()); });
        assertEquals(1, found.size(), "one service with image " + prefix + "*");
        return found.get(0);
    }

    /** A service's environment as written (map or KEY=VALUE list form). */
    static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isArray()) e.forEach(kv -> env.put(kv.asText().split("=", 2)[0], kv.asText().contains("=") ? kv.asText().split("=", 2)[1] : ""));
        else e.properties().forEach(kv -> env.put(kv.getKey(), kv.getValue().isNull() ? "" : kv.getValue().asText()));
        return env;
    }

    static Set<String> names(JsonNode listOrMap) {
        Set<String> names = new TreeSet<>();
        if (listOrMap.isArray()) listOrMap.forEach(n -> names.add(n.asText()));
        else listOrMap.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** What Compose substitutes when no variable is set: {@code ${VAR:-default}} becomes default. */
    static String withDefaults(String value) {
        String out = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:-([^}]*)}").matcher(value)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        assertFalse(out.contains("$"), "every variable has a default, so the file works without a .env: " + value);
        return out;
    }

    static String nginxConf() {
        try {
            return Files.readString(DIR.resolve("nginx.conf")).replaceAll("#[^\\n]*", "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * YAML to a tree, with anchors, aliases and merge keys ({@code <<: *name}) resolved as Compose
     * resolves them; Jackson alone leaves an alias as the anchor's name. Anchors on mappings and
     * sequences only (Jackson does not report those on scalars).
     */
    static JsonNode readYaml(String yaml) {
        try (YAMLParser p = new YAMLFactory().createParser(yaml)) {
            p.nextToken();
            return node(p, new HashMap<>());
        } catch (IOException e) {
            throw new AssertionError("compose.yaml is not valid YAML", e);
        }
    }

    private static JsonNode node(YAMLParser p, Map<String, JsonNode> anchors) throws IOException {
        if (p.isCurrentAlias()) {
            JsonNode target = anchors.get(p.getText());
            assertNotNull(target, "alias *" + p.getText() + " refers to an anchored mapping or sequence");
            return target;
        }
        String anchor = p.getObjectId();
        JsonNode node;
        if (p.currentToken() == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            List<JsonNode> merged = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                JsonNode value = node(p, anchors);
                if (key.equals("<<")) {
                    if (value.isArray()) value.forEach(merged::add);
                    else merged.add(value);
                } else {
                    o.set(key, value);
                }
            }
            // Keys written in the mapping win over merged ones; among merged mappings, the first wins.
            for (JsonNode m : merged) m.properties().forEach(e -> { if (!o.has(e.getKey())) o.set(e.getKey(), e.getValue()); });
            node = o;
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) a.add(node(p, anchors));
            node = a;
        } else if (p.currentToken() == JsonToken.VALUE_NULL) {
            node = JsonNodeFactory.instance.nullNode();
        } else {
            node = JsonNodeFactory.instance.textNode(p.getText()); // Compose reads environment values as strings
        }
        if (anchor != null) anchors.put(anchor, node);
        return node;
    }
}
