package dev.strata.app.web;

import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Server;

/**
 * Bounds what a slow or stalled client can hold: a request must arrive (line, headers and body) within
 * {@link #REQUEST_DEADLINE}, an idle connection is closed after {@link #IDLE}. Jetty's idle timeout restarts
 * on every byte, so a client sending one byte a second would otherwise keep its connection, and a body
 * read its thread, for ever.
 */
final class SlowClients implements AutoCloseable {
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(Long.getLong("strata.web.request-deadline-seconds", 15));
    static final Duration IDLE = Duration.ofSeconds(30);

    private final Server server;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strata-slow-clients");
        t.setDaemon(true);
        return t;
    });
    private final Map<HttpConnection, Reading> reading = new WeakHashMap<>();

    private record Reading(long message, long since) {
    }

    SlowClients(Server server) {
        this.server = server;
    }

    void start() {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                c.setIdleTimeout(IDLE.toMillis());
            }
        }
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http) {
                    check(http, endPoint, now);
                }
            }
        }
    }

    private void check(HttpConnection http, EndPoint endPoint, long now) {
        HttpParser.State state = http.getParser().getState();
        boolean arriving = state != HttpParser.State.START && state != HttpParser.State.END
                && state.ordinal() < HttpParser.State.END.ordinal();
        if (!arriving) {
            reading.remove(http);
            return;
        }
        Reading current = reading.get(http);
        if (current == null || current.message() != http.getMessagesIn()) {
            reading.put(http, new Reading(http.getMessagesIn(), now));
        } else if (now - current.since() > REQUEST_DEADLINE.toNanos()) {
            reading.remove(http);
            endPoint.close(); // a blocked body read fails at once and frees its thread
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
