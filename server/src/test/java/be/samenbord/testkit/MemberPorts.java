package be.samenbord.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Ports for Hazelcast members in tests, outside the kernel's ephemeral range. A member connects
 * again and again to listed members that are not started yet or were killed; when such a port lies
 * in the ephemeral range, Linux can hand that very port out as the source of the attempt, and the
 * socket connects to itself (TCP simultaneous open). Hazelcast then files the absent member's
 * address under its own identity ("Connecting to self!") and never reaches the real member once it
 * starts: a fourth node waited 60 s for a heartbeat that way (ClusterFailoverIT, CI 2026-12-07).
 * Production's default 5701 lies outside the range too.
 */
public final class MemberPorts {

    private static final int LOW = 12_000;
    private static final int HIGH = 30_000;
    private static final Set<Integer> handedOut = new HashSet<>();
    private static final Random random = new Random();

    private MemberPorts() {
    }

    /** A port that is free now, below the ephemeral range and not handed out before by this JVM. */
    public static synchronized int free() {
        return firstFreeRange(1);
    }

    /** The first of {@code count} consecutive such ports. */
    public static synchronized int firstFreeRange(int count) {
        int[] ephemeral = ephemeralRange();
        int high = Math.min(HIGH, ephemeral[0]) - count;
        for (int attempt = 0; attempt < 500; attempt++) {
            int first = LOW + random.nextInt(high - LOW);
            boolean ok = true;
            for (int p = first; p < first + count && ok; p++) ok = !handedOut.contains(p) && isFree(p);
            if (ok) {
                for (int p = first; p < first + count; p++) handedOut.add(p);
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free ports between " + LOW + " and " + high);
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The kernel's ephemeral range, [low, high + 1). */
    static int[] ephemeralRange() {
        try {
            String[] r = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[]{Integer.parseInt(r[0]), Integer.parseInt(r[1]) + 1};
        } catch (IOException | RuntimeException e) {
            return new int[]{32_768, 61_000};
        }
    }
}
