package dev.strata.app.web;

import static dev.strata.db.Tables.ARTIFACT;
import static dev.strata.db.Tables.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.app.db.AppDatabase;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.worker.Worker;
import dev.strata.engine.Target;
import dev.strata.testing.AtReleaseHead;
import dev.strata.testing.StrataDatabase;
import io.javalin.Javalin;
import dev.strata.testing.SqliteOnly;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@StrataDatabase
class WebServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    AppDatabase database;
    Javalin app;

    @BeforeEach
    void start(Target db) {
        database = AppDatabase.open(db);
        app = new WebServer(new TaskQueue(database.dsl()), TaskKinds.standard(),
                new SchemaGate(database.target(), line -> { })).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        database.close();
    }

    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    @SqliteOnly
    void healthSaysUnavailableWith503WhenTheDatabaseCannotBeRead(Path db) throws Exception {
        Reply ok = send("GET", "/health", null);
        assertEquals(200, ok.status());
        assertEquals("ok", ok.body().get("status").asText());

        java.nio.file.Files.move(db, db.resolveSibling("moved-away.db"));
        Reply gone = send("GET", "/health", null);
        assertEquals(503, gone.status(), gone.body().toString());
        assertEquals("unavailable", gone.body().get("status").asText());
        assertTrue(gone.body().get("error").asText().contains("does not exist"), gone.body().toString());
    }

    @Test
    void submitRunAndReadTheArtifact() throws Exception {
        Reply created = send("POST", "/tasks", "{\"kind\":\"word-count\",\"input\":\"one two three\\nfour\"}");
        assertEquals(201, created.status());
        long id = created.body().get("id").asLong();
        assertEquals("queued", created.body().get("status").asText());

        new Worker(new TaskQueue(database.dsl()), TaskKinds.standard(), "w1", Duration.ofMinutes(5), l -> { }).drain();

        Reply task = send("GET", "/tasks/" + id, null);
        assertEquals("done", task.body().get("status").asText());
        assertEquals(1, task.body().get("attempts").asInt());
        Reply artifacts = send("GET", "/tasks/" + id + "/artifacts", null);
        assertEquals(200, artifacts.status());
        assertEquals("counts.json", artifacts.body().get(0).get("name").asText());
        assertEquals("{\"lines\":2,\"words\":4,\"characters\":18}", artifacts.body().get(0).get("content").asText());
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstTask() throws Exception {
        String body = "{\"kind\":\"checksum\",\"input\":\"abc\",\"idempotencyKey\":\"order-17\"}";
        Reply first = send("POST", "/tasks", body);
        Reply second = send("POST", "/tasks", body);
        assertEquals(201, first.status());
        assertEquals(200, second.status());
        assertEquals(first.body().get("id"), second.body().get("id"));
        assertEquals(1, database.dsl().fetchCount(TASK));
    }

    @Test
    void listFiltersByStatusAndKindAndPagesByCursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("POST", "/tasks", "{\"kind\":\"" + (i % 2 == 0 ? "checksum" : "word-count") + "\",\"input\":\"" + i + "\"}");
        }
        Reply page1 = send("GET", "/tasks?kind=checksum&limit=2", null);
        assertEquals(2, page1.body().get("tasks").size());
        long next = page1.body().get("next").asLong();
        Reply page2 = send("GET", "/tasks?kind=checksum&limit=2&after=" + next, null);
        assertEquals(1, page2.body().get("tasks").size());
        assertTrue(page2.body().get("next").isNull());
        assertEquals(5, send("GET", "/tasks?status=queued", null).body().get("tasks").size());
        assertEquals(0, send("GET", "/tasks?status=done", null).body().get("tasks").size());
        assertFalse(page1.body().get("tasks").get(0).has("input"), "lists leave inputs out");
    }

    @Test
    @AtReleaseHead
    void healthReportsTheSchemaState() throws Exception {
        Reply health = send("GET", "/health", null);
        assertEquals(200, health.status());
        assertEquals("at head", health.body().get("schema").asText());
    }

    @Test
    @SqliteOnly
    void healthReportsDriftAfterAHandEdit() throws Exception {
        database.dsl().execute("DROP INDEX ix_task_status_id");
        database.dsl().execute("ALTER TABLE artifact ADD COLUMN checksum TEXT");

        Reply health = send("GET", "/health", null);

        assertEquals(200, health.status());
        assertEquals("drift", health.body().get("schema").asText(), health.body().toString());
        String problem = health.body().get("error").asText();
        assertTrue(problem.contains("changed table artifact: extra column checksum TEXT")
                && problem.contains("missing index ix_task_status_id") && problem.contains("migrate diff"), problem);
    }

    @Test
    void badInputGets4xxJsonAndWritesNothing() throws Exception {
        String big = "x".repeat(WebServer.MAX_INPUT_BYTES + 1);
        Object[][] cases = {
            {"POST", "/tasks", "{\"kind\":", 400, "malformed JSON"},
            {"POST", "/tasks", "", 400, "request body is empty"},
            {"POST", "/tasks", "[1,2]", 400, "must be a JSON object"},
            {"POST", "/tasks", "{\"kind\":\"mine-bitcoin\",\"input\":\"x\"}", 400, "unknown task kind 'mine-bitcoin'"},
            {"POST", "/tasks", "{\"input\":\"x\"}", 400, "field 'kind' is required"},
            {"POST", "/tasks", "{\"kind\":\"checksum\"}", 400, "field 'input' is required"},
            {"POST", "/tasks", "{\"kind\":\"checksum\",\"input\":7}", 400, ""},
            {"POST", "/tasks", "{\"kind\":\"checksum\",\"input\":\"x\",\"nope\":1}", 400, "unknown field 'nope'"},
            {"POST", "/tasks", "{\"kind\":\"checksum\",\"input\":\"x\",\"priority\":1000}", 400, "priority"},
            {"POST", "/tasks", "{\"kind\":\"checksum\",\"input\":\"x\",\"maxAttempts\":0}", 400, "maxAttempts"},
            {"POST", "/tasks", "{\"kind\":\"checksum\",\"input\":\"" + big + "\"}", 413, "the limit is 65536 bytes"},
            {"GET", "/tasks/abc", null, 400, "task id must be a whole number"},
            {"GET", "/tasks/-4", null, 400, "task id must be between"},
            {"GET", "/tasks/99999", null, 404, "no task 99999"},
            {"GET", "/tasks/99999/artifacts", null, 404, "no task 99999"},
            {"GET", "/tasks?limit=0", null, 400, "limit must be between 1 and 100"},
            {"GET", "/tasks?limit=many", null, 400, "limit must be a whole number"},
            {"GET", "/tasks?after=-1", null, 400, "after must be between"},
            {"GET", "/tasks?status=sleeping", null, 400, "status must be one of"},
        };
        for (Object[] c : cases) {
            Reply reply = send((String) c[0], (String) c[1], (String) c[2]);
            String label = c[0] + " " + c[1] + " -> " + reply.body();
            assertEquals(c[3], reply.status(), label);
            assertNotNull(reply.body().get("error"), label);
            assertTrue(reply.body().get("error").asText().contains((String) c[4]), label);
            assertFalse(reply.body().toString().contains("Exception"), "no stack trace: " + label);
        }
        assertEquals(0, database.dsl().fetchCount(TASK), "nothing half-written");
        assertEquals(0, database.dsl().fetchCount(ARTIFACT));
    }
}
