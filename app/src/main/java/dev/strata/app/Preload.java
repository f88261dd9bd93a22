package dev.strata.app;

import java.util.List;

/**
 * Start-up on two cores: while the main thread parses the command line and checks the schema, a second
 * thread loads and initialises the web stack's heaviest classes (Jetty, Javalin, Jackson, jOOQ, HikariCP),
 * so serving starts sooner. Only class loading moves; what runs, and in which order, does not change.
 */
final class Preload {
    private static final List<String> WEB = List.of("org.eclipse.jetty.server.Server",
            "org.eclipse.jetty.server.ServerConnector", "io.javalin.Javalin", "io.javalin.json.JavalinJackson",
            "com.fasterxml.jackson.databind.ObjectMapper", "com.zaxxer.hikari.HikariDataSource", "org.jooq.impl.DSL");

    private Preload() {
    }

    static void webClasses() {
        Thread loader = new Thread(() -> {
            for (String name : WEB) {
                try {
                    Class.forName(name, true, Preload.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return; // the main thread meets the same problem and reports it
                }
            }
        }, "preload-web");
        loader.setDaemon(true);
        loader.start();
    }
}
