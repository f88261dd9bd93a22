package dev.strata.app;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.startup.MigrateMode;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.web.WebServer;
import dev.strata.engine.Target;
import io.javalin.Javalin;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web role's start. On two cores the schema check and Jetty's start-up run side by side: Jetty binds the
 * port on a second thread but accepts no connection until the check has passed and the database is open
 * (a client's connection waits unanswered meanwhile). A refused check stops Jetty, closing the port, before
 * the role says why; a failed bind is said as before, after the check.
 */
final class WebRole {
    private final String db;
    private final MigrateMode migrate;
    private final String host;
    private final int port;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Runnable shutdown = () -> { };

    WebRole(String db, MigrateMode migrate, String host, int port) {
        this.db = db;
        this.migrate = migrate;
        this.host = host;
        this.port = port;
    }

    /** Serves until the process is stopped; throws (nothing served, no port left open) when it cannot. */
    int serve() throws InterruptedException {
        Preload.webClasses();
        Listen.checkHost(host);
        Listen.checkFree(host, port);
        FutureTask<Listening> listening = new FutureTask<>(() -> {
            WebServer server = new WebServer(TaskKinds.standard());
            return new Listening(server, server.listen(host, port));
        });
        Thread starter = new Thread(listening, "web-listen");
        starter.setDaemon(true);
        starter.start();
        Target target;
        SchemaGate gate;
        AppDatabase database;
        try {
            target = Main.Common.target(db);
            gate = Main.Common.gate("web", target);
            Main.Common.pass("web", gate, migrate, target);
            database = AppDatabase.open(target);
        } catch (RuntimeException refused) {
            stop(listening);
            throw refused;
        }
        Listening web;
        try {
            web = listened(listening);
        } catch (RuntimeException e) {
            database.close();
            throw Listen.describe(e, host, port);
        }
        Javalin app = web.app();
        web.server().admit(new TaskQueue(database.dsl()), gate);
        Main.Common.log("web: serving on http://" + host + ":" + app.port());
        shutdown = () -> {
            app.stop();
            database.close();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        stopped.await();
        return 0;
    }

    /** Stops serving (at process exit; tests call it): {@link #serve} then returns 0. */
    void stop() {
        if (stopping.compareAndSet(false, true)) {
            shutdown.run();
            stopped.countDown();
        }
    }

    /** The server, started but not yet accepting. */
    private record Listening(WebServer server, Javalin app) {
    }

    /** The started server, or Jetty's start-up failure as thrown. */
    private static Listening listened(FutureTask<Listening> listening) throws InterruptedException {
        try {
            return listening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** After a refused check: waits for Jetty's start to end, then stops it (the port closes, nothing was accepted). */
    private static void stop(FutureTask<Listening> listening) throws InterruptedException {
        Listening web;
        try {
            web = listened(listening);
        } catch (RuntimeException failedToStart) {
            return; // nothing is listening; the refusal is what the role reports
        }
        web.app().stop();
    }
}
