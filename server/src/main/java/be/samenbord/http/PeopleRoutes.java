package be.samenbord.http;

import be.samenbord.indicators.ImportJobs;
import be.samenbord.indicators.IndicatorFeature;
import be.samenbord.indicators.IndicatorRefused;
import be.samenbord.indicators.google.GoogleHealth;
import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.store.ImportStatus;
import be.samenbord.indicators.store.Person;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A person's routes (PROTOCOL.md IND-1..IND-7): made with a workshop token, then reached with the
 * person's own key only. Uploads are streamed into the importer as they arrive (no body is
 * buffered), with the request paused while the importer catches up.
 */
public final class PeopleRoutes {

    /** The one route whose body is not JSON: an export as it is (zip, JSON, XML). */
    public static final Pattern RAW_BODY = Pattern.compile("/api/people/[^/]+/imports");
    /** The media types an export may come as (IND-4); anything else is refused 415 at the edge. */
    public static final java.util.Set<String> UPLOAD_TYPES = java.util.Set.of("application/zip", "application/json", "application/xml");
    private static final int MAX_NAME = 255;

    private final IndicatorFeature feature;
    private final WorkshopDirectory directory;
    private final ObjectMapper json;
    private final Supplier<String> publicUrl;
    private final long maxImportBytes;

    public PeopleRoutes(IndicatorFeature feature, WorkshopDirectory directory, ObjectMapper json, Supplier<String> publicUrl, long maxImportBytes) {
        this.feature = feature;
        this.directory = directory;
        this.json = json;
        this.publicUrl = publicUrl;
        this.maxImportBytes = maxImportBytes;
    }

    public void register(Router r) {
        r.post("/api/workshops/:id/people").handler(this::create);
        r.get("/api/people/:pid").handler(ctx -> reply(ctx, person(ctx).thenApply(this::personJson), 200));
        r.put("/api/people/:pid/consent").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(this::consent);
        r.post("/api/people/:pid/imports").handler(this::upload);
        r.get("/api/people/:pid/imports/:iid").handler(ctx -> reply(ctx, person(ctx)
                .thenCompose(p -> feature.imports.status(p, ctx.pathParam("iid"))).thenApply(this::statusJson), 200));
        r.get("/api/people/:pid/days").handler(this::days);
        r.delete("/api/people/:pid").handler(ctx -> reply(ctx, person(ctx).thenCompose(feature.service::erase).thenApply(v -> ""), 204));
        r.post("/api/people/:pid/google").handler(this::google);
        r.get("/api/google/callback").handler(this::googleCallback);
        // The person's page: the key stays in the fragment, so it never reaches a server log.
        r.get("/me/*").handler(ctx -> ctx.reroute("/index.html"));
    }

    /** The routes of a node whose indicators are off: each answers 503 {@code not_configured} with the reason. */
    public static void off(Router r, String why) {
        io.vertx.core.Handler<RoutingContext> off = ctx -> {
            throw new ApiError(503, "not_configured", why);
        };
        r.route("/api/people/*").handler(off);
        r.route("/api/workshops/:id/people").handler(off);
        r.route("/api/workshops/:id/indicators").handler(off);
        r.route("/api/boards/:id/indicators").handler(off);
        r.route("/api/boards/:id/indicators/*").handler(off);
        r.get("/me/*").handler(ctx -> ctx.reroute("/index.html"));
    }

    /** Replies with the future's JSON, or the refusal's status and code (a store failure: 503). */
    static <T> void reply(RoutingContext ctx, CompletableFuture<T> f, int status) {
        HttpApi.reply(ctx, f.handle((v, e) -> {
            if (e == null) return v;
            IndicatorRefused r = IndicatorRefused.in(e);
            if (r != null) throw new ApiError(r.status(), r.code(), r.getMessage());
            if (e.getCause() instanceof java.io.UncheckedIOException || e instanceof java.io.UncheckedIOException) {
                throw new ApiError(503, "unavailable", "the node cannot store right now; try again later");
            }
            throw e instanceof java.util.concurrent.CompletionException c ? c : new java.util.concurrent.CompletionException(e);
        }), status);
    }

    private CompletableFuture<Person> person(RoutingContext ctx) {
        return feature.service.authenticate(ctx.pathParam("pid"), HttpApi.bearer(ctx));
    }

    private void create(RoutingContext ctx) {
        WorkshopDirectory.Access access = HttpApi.authenticate(ctx, directory);
        if (!access.workshop().id().equals(ctx.pathParam("id"))) throw ApiError.forbidden("this token belongs to another workshop");
        if (access.role() == Role.OBSERVER) throw ApiError.forbidden("observers cannot take part with their own data");
        reply(ctx, feature.service.createPerson(access.workshop().id()).thenApply(c -> json.createObjectNode()
                .put("person", c.person().id()).put("key", c.key())
                .put("link", publicUrl.get() + "/me/" + c.person().id() + "#key=" + c.key())), 201);
    }

    private ObjectNode personJson(Person p) {
        ObjectNode o = json.createObjectNode().put("person", p.id()).put("workshop", p.workshop()).put("created", p.createdAt())
                .put("google", feature.google != null);
        o.set("consent", consentJson(p.consent()));
        return o;
    }

    private ObjectNode consentJson(Consent c) {
        return json.createObjectNode().put("sleep", c.sleep()).put("activity", c.activity()).put("heart", c.heart()).put("team", c.team());
    }

    private void consent(RoutingContext ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        for (String f : new String[]{"sleep", "activity", "heart", "team"}) {
            if (!body.path(f).isBoolean()) throw ApiError.badRequest(f + " must be true or false");
        }
        Consent c = new Consent(body.get("sleep").asBoolean(), body.get("activity").asBoolean(), body.get("heart").asBoolean(),
                body.get("team").asBoolean());
        reply(ctx, person(ctx).thenCompose(p -> feature.service.setConsent(p, c)).thenApply(p -> consentJson(p.consent())), 200);
    }

    private void days(RoutingContext ctx) {
        LocalDate to = date(ctx, "to", feature.service.today());
        LocalDate from = date(ctx, "from", to.minusDays(27));
        reply(ctx, person(ctx).thenCompose(p -> feature.service.days(p, from, to)).thenApply(days -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode list = out.putArray("days");
            for (Day d : days.values()) {
                ObjectNode o = list.addObject().put("date", d.date().toString());
                if (d.sleepMinutes() != null) o.put("sleepMinutes", d.sleepMinutes());
                if (d.steps() != null) o.put("steps", d.steps());
                if (d.activeMinutes() != null) o.put("activeMinutes", d.activeMinutes());
                if (d.restingHeartRate() != null) o.put("restingHeartRate", d.restingHeartRate());
                if (d.hrvRmssd() != null) o.put("hrvRmssd", d.hrvRmssd());
                if (d.spo2() != null) o.put("spo2", d.spo2());
            }
            return out;
        }), 200);
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw ApiError.badRequest(name + " must be YYYY-MM-DD");
        }
    }

    private static ZoneId zone(RoutingContext ctx) {
        String tz = ctx.queryParams().get("tz");
        if (tz == null || tz.isBlank()) return null;
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ApiError.badRequest("tz must be an IANA time zone such as Europe/Brussels");
        }
    }

    private ObjectNode statusJson(ImportStatus s) {
        ObjectNode o = json.createObjectNode().put("import", s.id()).put("state", s.state()).put("progress", s.progress()).put("days", s.days());
        ArrayNode w = o.putArray("warnings");
        s.warnings().forEach(x -> w.addObject().put("code", x.code()).put("count", x.count()).put("message", x.message()));
        if (s.errorCode() != null) o.putObject("error").put("code", s.errorCode()).put("message", s.errorMessage());
        return o;
    }

    /** Streams the body into an import job (IND-4); answers 202 once the whole body has arrived. */
    private void upload(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.pause();
        String lengthHeader = req.getHeader("Content-Length");
        long length = -1;
        if (lengthHeader != null) {
            try {
                length = Long.parseLong(lengthHeader.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Content-Length is not a number");
            }
        }
        if (length > maxImportBytes) throw new ApiError(413, "too_large", "an upload may be at most " + maxImportBytes + " bytes");
        ZoneId zone = zone(ctx);
        LocalDate date = date(ctx, "date", null);
        String name = ctx.queryParams().get("name");
        if (name != null && name.length() > MAX_NAME) throw ApiError.badRequest("name is at most " + MAX_NAME + " characters");
        long declared = length;
        Context context = ctx.vertx().getOrCreateContext();
        person(ctx).whenComplete((p, err) -> context.runOnContext(v -> {
            if (err != null) {
                reply(ctx, CompletableFuture.failedFuture(err), 202);
                return;
            }
            ImportJobs.Upload u;
            try {
                u = feature.imports.startUpload(p, new ImportJobs.UploadInfo(zone, date, name, declared));
            } catch (IndicatorRefused r) {
                reply(ctx, CompletableFuture.failedFuture(r), 202);
                return;
            }
            stream(ctx, req, u, context);
        }));
    }

    private void stream(RoutingContext ctx, HttpServerRequest req, ImportJobs.Upload u, Context context) {
        long[] received = {0};
        boolean[] ended = {false};
        // The importer may drain the last chunks after the body ended: a finished request is not resumed.
        u.pipe().whenDrained(() -> context.runOnContext(v -> {
            if (!ended[0]) req.resume();
        }));
        req.handler(buf -> {
            received[0] += buf.length();
            if (received[0] > maxImportBytes) {
                u.pipe().abort("the upload is larger than " + maxImportBytes + " bytes");
                if (!ctx.response().ended()) {
                    ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json; charset=utf-8")
                            .putHeader("Connection", "close").end(json.createObjectNode().put("error", "too_large")
                                    .put("message", "an upload may be at most " + maxImportBytes + " bytes").toString());
                }
                req.connection().close();
                return;
            }
            if (!u.pipe().write(buf.getBytes())) req.pause();
        });
        req.exceptionHandler(e -> {
            ended[0] = true;
            u.pipe().abort("the upload broke off");
        });
        req.endHandler(v -> {
            ended[0] = true;
            u.pipe().end();
            if (!ctx.response().ended()) HttpApi.ok(ctx, 202, json.createObjectNode().put("import", u.id()));
        });
        // A client that asked first ("Expect: 100-continue") sends the body only now: a refusal above
        // (too large, no consent, wrong key) reached it before it sent a byte.
        if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) ctx.response().writeContinue();
        req.resume();
    }

    /** Starts the Google Health connector (IND-5): where to send the browser. */
    private void google(RoutingContext ctx) {
        if (feature.google == null) {
            throw new ApiError(503, "not_configured", "this node has no Google Health client (SAMENBORD_GOOGLE_CLIENT_ID and _SECRET)");
        }
        ZoneId zone = zone(ctx);
        reply(ctx, person(ctx).thenApply(p -> {
            if (!p.consent().anyKind()) throw new IndicatorRefused(403, "consent_required", "consent to at least one kind of data first");
            return json.createObjectNode().put("authorize", feature.google.authorizeUrl(p.id(), p.consent(), zone, callbackUrl()));
        }), 200);
    }

    private String callbackUrl() {
        return publicUrl.get() + "/api/google/callback";
    }

    /** Google sends the browser back here: the pull starts, the browser goes to the person's page. */
    private void googleCallback(RoutingContext ctx) {
        if (feature.google == null) throw new ApiError(503, "not_configured", "this node has no Google Health client");
        GoogleHealth.Pending pending = feature.google.open(String.valueOf(ctx.queryParams().get("state")));
        String code = ctx.queryParams().get("code");
        if (code == null) {
            redirect(ctx, "/me/" + pending.person() + "#google=" + (ctx.queryParams().get("error") == null ? "failed" : "denied"));
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        CompletableFuture<String> started = feature.service.run(() -> feature.service.store().person(pending.person())
                .orElseThrow(() -> new IndicatorRefused(404, "not_found", "no such person"))).thenApply(p -> feature.imports.startPull(p,
                acc -> progress -> {
                    feature.google.pull(code, pending, callbackUrl(), acc, p.consent(), feature.service.today(), progress);
                    return null;
                }, pending.zone()));
        started.whenComplete((id, err) -> context.runOnContext(v -> {
            if (err != null) reply(ctx, CompletableFuture.failedFuture(err), 302);
            else redirect(ctx, "/me/" + pending.person() + "#import=" + id);
        }));
    }

    private static void redirect(RoutingContext ctx, String path) {
        ctx.response().setStatusCode(302).putHeader("Location", path).end();
    }
}
