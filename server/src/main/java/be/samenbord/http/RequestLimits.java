package be.samenbord.http;

import be.samenbord.sync.AddressRate;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What any page on the internet, or a script without a token, may ask of the REST API (rules
 * LI-9, RE-7): bodies are JSON only, so a form or a {@code text/plain} fetch of another site
 * cannot create workshops in its visitors' name (a "simple" cross-site request needs no CORS
 * preflight, JSON does); and workshops per client address are rate limited, as anonymous
 * creation in a loop once made 31,083 workshops in 57 s.
 */
final class RequestLimits {

    private final AddressRate creations;

    /** @param perMinute workshops per address and minute, 0 = no limit; {@code burst} of them at once */
    RequestLimits(int perMinute, int burst, LongSupplier nanoClock) {
        this.creations = perMinute == 0 ? null : new AddressRate(perMinute / 60.0, burst, nanoClock);
    }

    /** Every POST (or PUT, PATCH) with a body must say it is JSON: 415 otherwise. */
    void jsonBodiesOnly(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        boolean carriesBody = (m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH) && hasBody(ctx);
        if (carriesBody && !isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw new ApiError(415, "unsupported_media_type", "request bodies must be JSON (Content-Type: application/json)");
        }
        ctx.next();
    }

    /**
     * An upload route (IND-4): a body must carry one of {@code types} (parameters such as a charset
     * aside), else 415; the simple types a cross-site form may send are never among them.
     */
    void bodiesOfTypes(RoutingContext ctx, java.util.Set<String> types) {
        HttpMethod m = ctx.request().method();
        boolean carriesBody = (m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH) && hasBody(ctx);
        if (carriesBody && !types.contains(mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
            throw new ApiError(415, "unsupported_media_type", "this upload takes " + String.join(", ", new java.util.TreeSet<>(types)));
        }
        ctx.next();
    }

    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) return true;
        return length != null && !length.strip().equals("0");
    }

    static boolean isJson(String contentType) {
        return "application/json".equals(mediaType(contentType));
    }

    /** The media type without parameters, lower case; "" when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Workshop creation: 429 with Retry-After once the client's address has used its bucket. */
    void creationRate(RoutingContext ctx) {
        if (creations != null) {
            AddressRate.Verdict v = creations.tryAcquire(clientAddress(ctx));
            if (!v.allowed()) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(v.retryAfterNanos() + 999_999_999L));
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                throw new ApiError(429, "rate_limited", "too many workshops created from your address; try again in "
                        + seconds + " s");
            }
        }
        ctx.next();
    }

    private static String clientAddress(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
