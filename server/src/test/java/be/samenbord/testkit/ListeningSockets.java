package be.samenbord.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read as {@code ss -ltnp} would: its socket inodes from
 * {@code /proc/<pid>/fd}, matched against the LISTEN entries of {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}. Linux only.
 */
public final class ListeningSockets {

    /** One listening socket: the address it is bound to (0.0.0.0 or :: = every interface) and its port. */
    public record Listener(InetAddress address, int port) {
        public boolean anyInterface() {
            return address.isAnyLocalAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    public static List<Listener> of(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
                } catch (IOException gone) {
                    // The descriptor closed while we listed them: not a listener we care about.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Listener> out = new ArrayList<>();
        out.addAll(read(Path.of("/proc/net/tcp"), inodes));
        out.addAll(read(Path.of("/proc/net/tcp6"), inodes));
        return out;
    }

    private static List<Listener> read(Path table, Set<String> inodes) {
        List<Listener> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (!f[3].equals("0A") || !inodes.contains(f[9])) continue; // 0A: LISTEN
            String[] local = f[1].split(":");
            out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
        }
        return out;
    }

    /** The kernel writes each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
