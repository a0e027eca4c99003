package be.samenbord.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The member network of a test cluster as a switch that can split it (issue 13, finding 5). Every
 * member listens on its own port but is known to the others by a public address here
 * ({@code SAMENBORD_CLUSTER_PUBLIC_ADDRESS}): one TCP proxy per member. A proxy tells which member
 * a connection comes from by its source port, as each member opens its member connections from
 * its own range ({@code SAMENBORD_CLUSTER_OUTBOUND_PORTS}). {@link #split} closes every connection
 * between the two sides and refuses new ones until {@link #heal}: a real partition of Hazelcast's
 * member traffic in both directions, on 127.0.0.1 only, with no privileges.
 *
 * <p>The clustered event bus has its own port, not behind the switch (it has no fixed port to
 * put a proxy in front of); what the test checks does not depend on it: see NetworkPartitionIT.
 */
public final class MemberSwitch implements AutoCloseable {

    private static final int OUTBOUND_PORTS = 30;

    private final List<Port> ports = new ArrayList<>();
    /** Side of each member while split (0 or 1); empty = one network. */
    private volatile Map<Integer, Integer> sides = Map.of();
    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unknownSources = new AtomicInteger();

    /** One member's ports: where it listens, where the others reach it (the proxy), where it connects from. */
    private final class Port {
        final int index;
        final int real;
        final int publicPort;
        final int outboundFirst;
        volatile ServerSocket proxy;

        Port(int index, int real, int publicPort, int outboundFirst) {
            this.index = index;
            this.real = real;
            this.publicPort = publicPort;
            this.outboundFirst = outboundFirst;
        }

        /**
         * Starts listening. Not before the member listens itself: a proxy that accepts and then
         * finds nobody behind it looks to Hazelcast like a member that answers, and a starting
         * member then waits for it instead of forming the cluster.
         */
        void open() throws IOException {
            proxy = new ServerSocket(publicPort, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().name("switch-accept-" + index).start(this::acceptLoop);
        }

        private void acceptLoop() {
            ServerSocket proxy = this.proxy;
            while (!proxy.isClosed()) {
                try {
                    Socket in = proxy.accept();
                    int from = memberOf(in.getPort());
                    if (from < 0) unknownSources.incrementAndGet();
                    if (!connected(from, index)) {
                        refused.incrementAndGet();
                        in.close();
                        continue;
                    }
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), real);
                    Link link = new Link(from, index, in, out);
                    open.add(link);
                    pump(link, in, out);
                    pump(link, out, in);
                } catch (IOException e) {
                    if (!proxy.isClosed()) System.err.println("member switch " + index + ": " + e);
                }
            }
        }
    }

    /** A member connection through the switch: from member {@code from} (-1 = unknown) to {@code to}. */
    private record Link(int from, int to, Socket in, Socket out) {
        void close() {
            closeQuietly(in);
            closeQuietly(out);
        }
    }

    /** Room for {@code members} members: their ports are chosen now, before any starts. */
    public MemberSwitch(int members) {
        for (int i = 0; i < members; i++) {
            ports.add(new Port(i, MemberPorts.free(), MemberPorts.free(), MemberPorts.firstFreeRange(OUTBOUND_PORTS)));
        }
    }

    /** Puts member {@code i} on the network: call once it listens (its node is ready). */
    public void connect(int i) {
        try {
            ports.get(i).open();
        } catch (IOException e) {
            throw new UncheckedIOException("member " + i + "'s public port " + ports.get(i).publicPort + " was taken meanwhile", e);
        }
    }

    /** SAMENBORD_CLUSTER_MEMBERS: every member's public address. */
    public String members() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p.publicPort).toList());
    }

    /** The settings of member {@code i}: its own port, its public address, its outbound ports. */
    public Map<String, String> env(int i) {
        Port p = ports.get(i);
        Map<String, String> env = new HashMap<>();
        env.put("SAMENBORD_CLUSTER_PORT", String.valueOf(p.real));
        env.put("SAMENBORD_CLUSTER_PUBLIC_ADDRESS", "127.0.0.1:" + p.publicPort);
        env.put("SAMENBORD_CLUSTER_OUTBOUND_PORTS", p.outboundFirst + "-" + (p.outboundFirst + OUTBOUND_PORTS - 1));
        return env;
    }

    /** Cuts the members in {@code side} off from all others, both ways: open connections close, new ones are refused. */
    public void split(int... side) {
        Map<Integer, Integer> next = new HashMap<>();
        for (Port p : ports) next.put(p.index, 0);
        for (int i : side) next.put(i, 1);
        sides = Map.copyOf(next);
        for (Link l : new ArrayList<>(open)) {
            if (!connected(l.from(), l.to())) {
                open.remove(l);
                l.close();
            }
        }
    }

    /** One network again. */
    public void heal() {
        sides = Map.of();
    }

    /** Connections refused while split, and connections from a port outside every member's range. */
    public int refused() {
        return refused.get();
    }

    public int unknownSources() {
        return unknownSources.get();
    }

    private boolean connected(int from, int to) {
        Map<Integer, Integer> s = sides;
        if (s.isEmpty()) return true;
        // While split, a connection whose source is unknown could bridge the sides: refused.
        return from >= 0 && s.get(from).equals(s.get(to));
    }

    private int memberOf(int sourcePort) {
        for (Port p : ports) {
            if (sourcePort >= p.outboundFirst && sourcePort < p.outboundFirst + OUTBOUND_PORTS) return p.index;
        }
        return -1;
    }

    private void pump(Link link, Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("switch-pump").start(() -> {
            byte[] buf = new byte[32 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // One side went away (or the switch cut it): close both.
            } finally {
                open.remove(link);
                link.close();
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing a socket that is already gone.
        }
    }

    @Override
    public void close() {
        for (Port p : ports) {
            try {
                if (p.proxy != null) p.proxy.close();
            } catch (IOException e) {
                System.err.println("member switch close: " + e);
            }
        }
        open.forEach(Link::close);
        open.clear();
    }
}
