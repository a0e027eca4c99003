package be.samenbord.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a node, with a switch that cuts the network: every open
 * connection is dropped and new ones are refused until it is switched back. A browser that loads
 * the page through it really goes offline, WebSocket included.
 */
public final class NetCut implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean offline;
    private final Thread acceptor;

    public NetCut(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.acceptor = Thread.ofPlatform().daemon().name("netcut-accept").start(this::acceptLoop);
    }

    public String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void setOffline(boolean offline) {
        this.offline = offline;
        if (offline) {
            open.forEach(NetCut::closeQuietly);
            open.clear();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (offline) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!server.isClosed()) System.err.println("netcut: " + e);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("netcut-pump").start(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // One side went away (or the network was cut): close both.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
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
        setOffline(true);
        try {
            server.close();
            acceptor.join(5_000);
        } catch (IOException | InterruptedException e) {
            System.err.println("netcut close: " + e);
        }
    }
}
