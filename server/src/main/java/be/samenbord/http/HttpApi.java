package be.samenbord.http;

import be.samenbord.Settings;
import be.samenbord.store.StoreStatus;
import be.samenbord.store.StoreUnavailableException;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.sync.BoardRegistry;
import be.samenbord.sync.SyncEndpoint;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import be.samenbord.workshop.WorkshopService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** REST routes of the contract (rules RE-*) and the static web client. */
public final class HttpApi {

    private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_TITLE = 200;
    private static final int MAX_TEMPLATES = 20;

    private final Settings settings;
    private final ObjectMapper json;
    private final TemplateCatalog templates;
    private final WorkshopService workshops;
    private final BoardRegistry boards;
    private final SyncEndpoint sync;
    private final BooleanSupplier ready;
    private final Supplier<String> publicUrl;
    private final List<java.util.function.Consumer<Router>> extraRoutes = new ArrayList<>();
    private java.util.function.Consumer<ObjectNode> healthDetail = body -> {
    };
    private RequestLimits limits;

    public HttpApi(Settings settings, ObjectMapper json, TemplateCatalog templates, WorkshopService workshops,
                   BoardRegistry boards, SyncEndpoint sync, BooleanSupplier ready, Supplier<String> publicUrl) {
        this.settings = settings;
        this.json = json;
        this.templates = templates;
        this.workshops = workshops;
        this.boards = boards;
        this.sync = sync;
        this.ready = ready;
        this.publicUrl = publicUrl;
        this.limits = requestLimits(settings, System::nanoTime);
    }

    /**
     * With an API key only its holders create workshops (CF-3): they are not rate limited, and
     * nobody without the key can use up a shared address's bucket (behind a reverse proxy every
     * client has the proxy's address).
     */
    private static RequestLimits requestLimits(Settings settings, java.util.function.LongSupplier nanoClock) {
        int perMinute = settings.apiKey().isPresent() ? 0 : settings.limits().createPerMinute();
        return new RequestLimits(perMinute, settings.limits().createBurst(), nanoClock);
    }

    /** The clock of the workshop-creation rate (rule LI-9); tests inject theirs. */
    public HttpApi withNanoClock(java.util.function.LongSupplier nanoClock) {
        this.limits = requestLimits(settings, nanoClock);
        return this;
    }

    /** Routes of other features (e.g. fiches), added before the catch-all and static ones. */
    public HttpApi with(java.util.function.Consumer<Router> routes) {
        extraRoutes.add(routes);
        return this;
    }

    private final java.util.Map<java.util.regex.Pattern, java.util.Set<String>> rawBodies = new java.util.LinkedHashMap<>();

    /**
     * Paths whose request bodies are files as they are (uploads), of exactly these media types:
     * anything else, JSON included only if listed, is refused 415 (rule RE-7).
     */
    public HttpApi withRawBodies(java.util.regex.Pattern path, java.util.Set<String> types) {
        rawBodies.put(path, java.util.Set.copyOf(types));
        return this;
    }

    private Supplier<List<String>> nodes = List::of;

    /** Where clients may connect: every node's public URL (rule CU-7). */
    public HttpApi withNodes(Supplier<List<String>> nodeUrls) {
        this.nodes = nodeUrls;
        return this;
    }

    private Supplier<StoreStatus> storeStatus = () -> StoreStatus.healthy(0);

    /** The store's state, for /health (rule RE-1). */
    public HttpApi withStore(Supplier<StoreStatus> status) {
        this.storeStatus = status;
        return this;
    }

    /** Adds fields to a ready node's /health answer (e.g. cluster membership). */
    public HttpApi withHealth(java.util.function.Consumer<ObjectNode> detail) {
        this.healthDetail = detail;
        return this;
    }

    public Router router(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(this::securityHeaders);
        r.route().handler(ctx -> {
            // A route that takes a file as it is (an indicator export) takes exactly its own media types,
            // none of which a cross-site form or a "simple" fetch can send (RE-7); every other route JSON.
            String path = ctx.request().path();
            java.util.Set<String> types = path == null ? null : rawBodies.entrySet().stream()
                    .filter(e -> e.getKey().matcher(path).matches()).map(java.util.Map.Entry::getValue).findFirst().orElse(null);
            if (types != null) limits.bodiesOfTypes(ctx, types);
            else limits.jsonBodiesOnly(ctx);
        });
        MissedWorkshops.register(r, workshops.directory());
        r.get("/health").handler(this::health);
        r.get("/api/templates").handler(ctx -> ok(ctx, 200, templatesJson()));
        r.get("/api/templates/:id").handler(ctx -> ok(ctx, 200, templates.find(ctx.pathParam("id")).map(Template::json)
                .orElseThrow(() -> ApiError.notFound("unknown_template", "no template with that id"))));
        r.post("/api/workshops").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(limits::creationRate).handler(this::createWorkshop);
        r.get("/api/workshops/:id").handler(this::getWorkshop);
        r.get("/api/boards/:id").handler(this::getBoard);
        r.get("/api/nodes").handler(ctx -> {
            ObjectNode body = json.createObjectNode();
            nodes.get().forEach(body.putArray("nodes")::add);
            ok(ctx, 200, body);
        });
        extraRoutes.forEach(routes -> routes.accept(r));
        r.route("/api/*").handler(ctx -> fail(ctx, ApiError.notFound("not_found", "no such route")));
        // The web client is a single page: its deep links all serve index.html.
        r.get("/join/*").handler(ctx -> ctx.reroute("/index.html"));
        r.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
        r.route().failureHandler(this::onFailure);
        return r;
    }

    /**
     * Headers for every answer (rule RE-6): the page may only load from its own origin and talk to
     * it and to the cluster's other nodes, is not framed, and sends no referrer (links carry tokens
     * in their fragment). API answers carry tokens and board data: no cache keeps them (RE-7).
     */
    private void securityHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Content-Security-Policy", contentSecurityPolicy());
        String path = ctx.request().path();
        if (path != null && (path.startsWith("/api/") || path.equals("/health") || path.equals("/metrics"))) {
            ctx.response().headers().set("Cache-Control", "no-store");
        }
        ctx.next();
    }

    private volatile Csp csp = new Csp(List.of(), contentSecurityPolicy(List.of()));

    private record Csp(List<String> nodes, String header) {
    }

    private String contentSecurityPolicy() {
        List<String> now = nodes.get();
        Csp known = csp;
        if (!known.nodes().equals(now)) csp = known = new Csp(now, contentSecurityPolicy(now));
        return known.header();
    }

    /**
     * The CSP for a node list (rule RE-6): {@code connect-src} is this origin plus, in a cluster,
     * each node's origin and its WebSocket origin (http → ws, https → wss), where the web client
     * fails over to (CU-7). Never any host: an injected script could not send data anywhere else.
     */
    public static String contentSecurityPolicy(List<String> nodeUrls) {
        java.util.LinkedHashSet<String> connect = new java.util.LinkedHashSet<>();
        connect.add("'self'");
        for (String url : nodeUrls) {
            try {
                java.net.URI u = new java.net.URI(url);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) continue;
                String hostPort = u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
                connect.add(scheme + "://" + hostPort);
                connect.add((scheme.equals("https") ? "wss" : "ws") + "://" + hostPort);
            } catch (java.net.URISyntaxException e) {
                LOG.warning("node URL left out of the Content-Security-Policy: " + url + " (" + e.getMessage() + ")");
            }
        }
        return "default-src 'self'; script-src 'self'; connect-src " + String.join(" ", connect) + "; "
                + "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'";
    }

    private void health(RoutingContext ctx) {
        ObjectNode body = json.createObjectNode();
        if (!ready.getAsBoolean()) {
            body.put("status", "DOWN").put("message", "recovering; not serving boards yet");
            ok(ctx, 503, body);
            return;
        }
        StoreStatus store = storeStatus.get();
        // Serving but unable to make batches durable: not UP, so a load balancer or operator sees it (RE-1).
        body.put("status", store.healthy() ? "UP" : "DEGRADED").put("boards", boards.size()).put("connections", sync.connections());
        ObjectNode s = body.putObject("store").put("state", store.state().wire()).put("backlog", store.backlog());
        if (!store.healthy()) s.put("reason", store.reason()).put("since", store.since());
        healthDetail.accept(body);
        ok(ctx, store.healthy() ? 200 : 503, body);
    }

    private ArrayNode templatesJson() {
        ArrayNode list = json.createArrayNode();
        templates.all().forEach(t -> list.add(t.json()));
        return list;
    }

    private void createWorkshop(RoutingContext ctx) {
        settings.apiKey().ifPresent(key -> {
            if (!constantTimeEquals(bearer(ctx), key)) throw ApiError.unauthorized("this node requires an API key (Authorization: Bearer <key>)");
        });
        JsonNode body = JsonBody.object(ctx, json);
        String title = body.path("title").isTextual() ? body.path("title").asText().strip() : "";
        if (title.isEmpty() || title.codePointCount(0, title.length()) > MAX_TITLE) throw ApiError.badRequest("title must be 1-" + MAX_TITLE + " characters");
        JsonNode list = body.path("templates");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_TEMPLATES) {
            throw ApiError.badRequest("templates must be a list of 1-" + MAX_TEMPLATES + " template ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode t : list) {
            if (!t.isTextual() || templates.find(t.asText()).isEmpty()) {
                throw ApiError.badRequest("unknown template " + t + "; see GET /api/templates");
            }
            ids.add(t.asText());
        }
        JsonNode lang = body.path("lang");
        if (!lang.isMissingNode() && !(lang.isTextual() && Workshop.LANGUAGES.contains(lang.asText()))) {
            throw ApiError.badRequest("lang must be one of " + String.join(", ", Workshop.LANGUAGES));
        }
        reply(ctx, workshops.create(title, ids, lang.isTextual() ? lang.asText() : null).thenApply(created -> createdJson(created)), 201);
    }

    private ObjectNode createdJson(WorkshopDirectory.Created created) {
        Workshop w = created.workshop();
        ObjectNode out = json.createObjectNode().put("id", w.id()).put("title", w.title()).put("lang", w.lang());
        ObjectNode tokens = out.putObject("tokens");
        ObjectNode links = out.putObject("links");
        Map<Role, String> byRole = links(w.id(), created.tokens());
        for (Role role : Role.values()) {
            tokens.put(role.wire(), created.tokens().get(role));
            links.put(role.wire(), byRole.get(role));
        }
        // RE-3 lists one board per chosen template: the room board is named apart (FA-1).
        ArrayNode chosen = out.putArray("boards");
        w.boards().stream().filter(b -> !ControlContext.ROOM_TEMPLATE.equals(b.template()))
                .forEach(b -> chosen.addObject().put("id", b.id()).put("template", b.template()));
        w.boards().stream().filter(b -> ControlContext.ROOM_TEMPLATE.equals(b.template())).findFirst()
                .ifPresent(b -> out.put("room", b.id()));
        return out;
    }

    /**
     * The three links of a new workshop. The facilitator's also carries the other two tokens
     * (rule FA-10), so the room can show every link later while the node keeps only hashes.
     */
    public Map<Role, String> links(String workshopId, Map<Role, String> tokens) {
        Map<Role, String> out = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) out.put(role, link(workshopId, tokens.get(role)));
        out.put(Role.FACILITATOR, out.get(Role.FACILITATOR) + "&participant=" + tokens.get(Role.PARTICIPANT)
                + "&observer=" + tokens.get(Role.OBSERVER));
        return out;
    }

    /** The link a role opens; the token sits in the fragment, so it never reaches server logs. */
    public String link(String workshopId, String token) {
        return publicUrl.get() + "/join/" + workshopId + "#token=" + token;
    }

    private ArrayNode boardsJson(Workshop w) {
        ArrayNode boardList = json.createArrayNode();
        w.boards().forEach(b -> boardList.addObject().put("id", b.id()).put("template", b.template()));
        return boardList;
    }

    private void getWorkshop(RoutingContext ctx) {
        WorkshopDirectory.Access access = authenticate(ctx);
        if (!access.workshop().id().equals(ctx.pathParam("id"))) {
            throw ApiError.forbidden("this token belongs to another workshop");
        }
        Workshop w = access.workshop();
        ObjectNode out = json.createObjectNode().put("id", w.id()).put("title", w.title()).put("role", access.role().wire())
                .put("lang", w.lang());
        out.set("boards", boardsJson(w));
        w.boards().stream().filter(b -> ControlContext.ROOM_TEMPLATE.equals(b.template())).findFirst()
                .ifPresent(b -> out.put("room", b.id()));
        ok(ctx, 200, out);
    }

    private void getBoard(RoutingContext ctx) {
        WorkshopDirectory.Access access = authenticate(ctx);
        String id = ctx.pathParam("id");
        if (!boards.exists(id)) throw ApiError.notFound("unknown_board", "no board with that id");
        if (!access.workshop().hasBoard(id)) throw ApiError.forbidden("this token belongs to another workshop");
        reply(ctx, boards.view(id).orElseThrow().thenApply(v -> {
            ObjectNode head = json.createObjectNode().put("id", v.id()).put("template", v.template()).put("seq", v.seq());
            boards.ownerOf(id).ifPresent(owner -> head.put("owner", owner));
            String text = head.toString();
            // Items are already JSON text: splice them in rather than parse and re-encode.
            return text.substring(0, text.length() - 1) + ",\"items\":" + v.itemsJson() + "}";
        }), 200);
    }

    private WorkshopDirectory.Access authenticate(RoutingContext ctx) {
        return authenticate(ctx, workshops.directory());
    }

    static WorkshopDirectory.Access authenticate(RoutingContext ctx, WorkshopDirectory directory) {
        return directory.authenticate(bearer(ctx))
                .orElseThrow(() -> ApiError.unauthorized("missing or unknown token (Authorization: Bearer <token>)"));
    }

    static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static <T> void reply(RoutingContext ctx, CompletableFuture<T> result, int status) {
        Context context = ctx.vertx().getOrCreateContext();
        result.whenComplete((body, err) -> context.runOnContext(v -> {
            if (err != null) ctx.fail(err);
            else if (body instanceof String s) send(ctx, status, s);
            else ok(ctx, status, (JsonNode) body);
        }));
    }

    static void ok(RoutingContext ctx, int status, JsonNode body) {
        send(ctx, status, body.toString());
    }

    static void send(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private void fail(RoutingContext ctx, ApiError e) {
        ObjectNode body = json.createObjectNode().put("error", e.code).put("message", e.getMessage());
        ok(ctx, e.status, body);
    }

    /** A refusal of the workshop rules as REST answers it; a cap reached is 409 limit_reached (rule LI-10). */
    static ApiError refusal(be.samenbord.workshop.ControlRefused r) {
        return switch (r.code()) {
            case be.samenbord.workshop.ControlRefused.FORBIDDEN -> ApiError.forbidden(r.getMessage());
            case be.samenbord.workshop.ControlRefused.TOO_LARGE -> new ApiError(409, "limit_reached", r.getMessage());
            default -> ApiError.badRequest(r.getMessage());
        };
    }

    private void onFailure(RoutingContext ctx) {
        Throwable f = ctx.failure();
        if (f instanceof java.util.concurrent.CompletionException && f.getCause() != null) f = f.getCause();
        if (ctx.response().ended()) return;
        if (f instanceof ApiError e) {
            fail(ctx, e);
        } else if (StoreUnavailableException.in(f)) {
            fail(ctx, new ApiError(503, "unavailable", "the node cannot store right now; try again later"));
        } else if (be.samenbord.workshop.ControlRefused.in(f) instanceof be.samenbord.workshop.ControlRefused r) {
            fail(ctx, refusal(r));
        } else if (f instanceof IllegalArgumentException e) {
            fail(ctx, ApiError.badRequest(e.getMessage()));
        } else if (ctx.statusCode() == 413) {
            fail(ctx, new ApiError(413, "too_large", "request body is larger than " + MAX_BODY + " bytes"));
        } else if (f == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            fail(ctx, new ApiError(ctx.statusCode(), "bad_request", "request refused"));
        } else {
            LOG.log(Level.SEVERE, "request " + ctx.request().method() + " " + ctx.request().path() + " failed", f);
            fail(ctx, new ApiError(500, "internal", "the server failed; the error is logged"));
        }
    }
}
