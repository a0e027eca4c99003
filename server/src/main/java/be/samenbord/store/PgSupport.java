package be.samenbord.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers of {@link PgStore}: the store URL and waiting for a Vert.x future from a plain thread. */
final class PgSupport {

    private PgSupport() {
    }

    /**
     * {@code postgresql://user:pass@host:port/db} (or {@code postgres://}, with optional
     * {@code ?sslmode=...} parameters). User and password may be percent-encoded (fromUri decodes them). Messages never
     * repeat the URL, which holds the password.
     */
    static PgConnectOptions parse(String url) {
        if (url == null || !url.matches("postgres(ql)?://[^/?#]+/[^/?#]+([?].*)?")) {
            throw new IllegalArgumentException("SAMENBORD_STORE must look like postgresql://user:pass@host:port/db");
        }
        PgConnectOptions options;
        try {
            options = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SAMENBORD_STORE is not a valid postgresql://user:pass@host:port/db URL ("
                    + e.getMessage() + ")");
        }
        return options.setReconnectAttempts(0).setCachePreparedStatements(true);
    }

    /** Blocks a non-event-loop thread until {@code f} completes; failures become IOExceptions. */
    static <T> T await(Future<T> f, long timeoutMs, String what) throws IOException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("could not " + what + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("could not " + what + " within " + timeoutMs / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to " + what);
        }
    }

    /** UTF-8 length of {@code s} without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
