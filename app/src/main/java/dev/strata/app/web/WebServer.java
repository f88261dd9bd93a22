package dev.strata.app.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.db.tables.records.TaskRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP JSON API: submit, get and list tasks, fetch artifacts, and report health. */
public final class WebServer {
    /** Largest accepted task input, in UTF-8 bytes. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;
    /** Largest accepted request body: an input of escaped characters takes up to six bytes per input byte. */
    public static final int MAX_BODY_BYTES = 6 * MAX_INPUT_BYTES + 16 * 1024;
    /** Request bodies read at once; more get a 503, so slow uploads never take every thread from /health. */
    static final int CONCURRENT_BODIES = 32;
    static final int MAX_PAGE = 100;
    private static final Set<String> STATUSES = Set.of(TaskQueue.QUEUED, TaskQueue.RUNNING, TaskQueue.DONE,
            TaskQueue.FAILED);
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private volatile TaskQueue queue;
    private final TaskKinds kinds;
    private volatile SchemaGate schema;
    private final java.util.concurrent.Semaphore bodies = new java.util.concurrent.Semaphore(CONCURRENT_BODIES);
    // Strict JSON: one object, no duplicate keys, nothing after it, and small bounds on what no valid request needs.
    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(24)
                    .maxNameLength(64).maxStringLength(MAX_BODY_BYTES).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ServerConnector connector;

    public WebServer(TaskQueue queue, TaskKinds kinds, SchemaGate schema) {
        this(kinds);
        this.queue = queue;
        this.schema = schema;
    }

    /** A server whose queue and schema gate come with {@link #admit}: it may {@link #listen} before either exists. */
    public WebServer(TaskKinds kinds) {
        // A number or boolean where a string belongs is a client error, not something to stringify.
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            json.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        json.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        this.kinds = kinds;
    }

    /** Serves on host:port now. */
    public Javalin start(String host, int port) {
        Javalin app = listen(host, port);
        admit(queue, schema);
        return app;
    }

    /**
     * Starts Jetty bound to host:port but accepting no connection until {@link #admit}: a client's connection
     * waits in the kernel's backlog, unanswered. Stopping the returned app before then closes the port.
     */
    public Javalin listen(String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors(json)));
            // Javalin's own default connector, held: Jetty's acceptor thread waits until setAccepting(true).
            config.jetty.addConnector((server, http) -> {
                connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setAccepting(false);
                return connector;
            });
        });
        app.post("/tasks", this::submit);
        app.get("/tasks", this::list);
        app.get("/tasks/{id}", ctx -> ctx.json(TaskJson.Task.of(task(ctx), true)));
        app.get("/tasks/{id}/artifacts", this::artifacts);
        app.get("/health", this::health);
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error; the request was not applied");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                error(ctx, 404, "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
        app.start(host, port);
        SlowClients slowClients = new SlowClients(app.jettyServer().server());
        slowClients.start();
        app.events(events -> events.serverStopping(slowClients::close));
        return app;
    }

    /** Starts accepting connections (held since {@link #listen}), answering from {@code queue} and {@code schema}. */
    public void admit(TaskQueue queue, SchemaGate schema) {
        this.queue = java.util.Objects.requireNonNull(queue);
        this.schema = java.util.Objects.requireNonNull(schema);
        connector.setAccepting(true);
    }

    private void health(Context ctx) {
        SchemaGate.Health health = schema.health();
        ctx.status(health.reachable() ? 200 : 503).json(new TaskJson.Health(health.reachable() ? "ok" : "unavailable",
                health.schema(), health.integrity(), health.problem()));
    }

    private void submit(Context ctx) {
        if (!bodies.tryAcquire()) {
            throw new ApiError(503, "too many requests are being received at once; retry shortly");
        }
        String text;
        try {
            text = RequestBody.read(ctx, MAX_BODY_BYTES);
        } finally {
            bodies.release();
        }
        TaskJson.Submit body = parse(text);
        RequestBody.requireWholeCharacters("kind", body.kind());
        RequestBody.requireWholeCharacters("input", body.input());
        RequestBody.requireWholeCharacters("idempotencyKey", body.idempotencyKey());
        if (body.kind() == null || body.kind().isBlank()) {
            throw new ApiError(400, "field 'kind' is required; known kinds: " + String.join(", ", kinds.names()));
        }
        if (kinds.find(body.kind()).isEmpty()) {
            String kind = body.kind();
            String shown = kind.codePointCount(0, kind.length()) > 64
                    ? kind.substring(0, kind.offsetByCodePoints(0, 64)) + "…" : kind; // never echo a whole huge input
            throw new ApiError(400, "unknown task kind '" + shown + "'; known kinds: "
                    + String.join(", ", kinds.names()));
        }
        if (body.input() == null) {
            throw new ApiError(400, "field 'input' is required (a string, may be empty)");
        }
        int size = body.input().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_INPUT_BYTES) {
            throw new ApiError(413, "input is " + size + " bytes; the limit is " + MAX_INPUT_BYTES + " bytes");
        }
        int priority = within(body.priority(), 0, -100, 100, "priority");
        int maxAttempts = within(body.maxAttempts(), 3, 1, 10, "maxAttempts");
        if (body.idempotencyKey() != null && (body.idempotencyKey().isBlank() || body.idempotencyKey().length() > 128)) {
            throw new ApiError(400, "field 'idempotencyKey' must be 1 to 128 characters");
        }
        TaskQueue.Submitted submitted = queue.submit(new TaskQueue.NewTask(body.kind(), body.input(), priority,
                maxAttempts, body.idempotencyKey()));
        ctx.status(submitted.created() ? 201 : 200).json(TaskJson.Task.of(submitted.task(), true));
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiError(400, "status must be one of queued, running, done, failed; got '" + status + "'");
        }
        String kind = ctx.queryParam("kind");
        int limit = (int) number(ctx.queryParam("limit"), 20, 1, MAX_PAGE, "limit");
        long after = number(ctx.queryParam("after"), 0, 0, Integer.MAX_VALUE, "after");
        List<TaskRecord> page = queue.list(status, kind, after, limit + 1);
        Long next = page.size() > limit ? (long) page.get(limit - 1).getId() : null;
        ctx.json(new TaskJson.Page(page.stream().limit(limit).map(t -> TaskJson.Task.of(t, false)).toList(), next));
    }

    private void artifacts(Context ctx) {
        TaskRecord task = task(ctx);
        ctx.json(queue.artifacts(task.getId()).stream().map(TaskJson.Artifact::of).toList());
    }

    private TaskRecord task(Context ctx) {
        long id = number(ctx.pathParam("id"), 0, 1, Integer.MAX_VALUE, "task id");
        return queue.find(id).orElseThrow(() -> new ApiError(404, "no task " + id));
    }

    private TaskJson.Submit parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiError(400, "request body is empty; send JSON like {\"kind\": \"word-count\", \"input\": \"...\"}");
        }
        try {
            TaskJson.Submit submit = json.readValue(body, TaskJson.Submit.class);
            if (submit == null) {
                throw new ApiError(400, "request body must be a JSON object, not null");
            }
            return submit;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiError(400, "unknown field '" + e.getPropertyName() + "'; fields are kind, input, priority,"
                    + " maxAttempts, idempotencyKey");
        } catch (MismatchedInputException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new ApiError(400, "malformed JSON: something follows the JSON object; send exactly one object");
            }
            throw new ApiError(400, "request body must be a JSON object with string 'kind' and 'input'"
                    + (e.getPath().isEmpty() ? "" : "; field '" + e.getPath().get(0).getFieldName() + "' has the wrong type"));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String why = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ");
            throw new ApiError(400, "malformed JSON" + where + ": " + (why.length() > 300 ? why.substring(0, 300) + "…" : why));
        }
    }

    private static int within(Integer value, int fallback, int min, int max, String name) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new ApiError(400, "field '" + name + "' must be between " + min + " and " + max + "; got " + v);
        }
        return v;
    }

    private static long number(String raw, long fallback, long min, long max, String name) {
        if (raw == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw);
            if (v < min || v > max) {
                throw new ApiError(400, name + " must be between " + min + " and " + max + "; got " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be a whole number; got '" + raw + "'");
        }
    }

    private static void error(Context ctx, int status, String message) {
        if (status == 413) {
            ctx.header("Connection", "close"); // do not read (and discard) the rest of an oversized body
        }
        ctx.status(status).json(new TaskJson.Error(message, status));
    }
}
