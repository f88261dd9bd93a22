package dev.strata.app;

import dev.strata.engine.SchemaException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/** The web role's --host and --port: checked before binding, and a failed bind said in one line. */
final class Listen {
    private Listen() {
    }

    static int port(String value, CommandLine.Model.CommandSpec spec) {
        int port = number(value);
        if (port >= 0) {
            return port;
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--port (or $PORT) must be a number from 0 to"
                + " 65535 (0: any free port); got '" + value + "'");
    }

    /** The port {@code value} names, or -1 when it is not a number from 0 to 65535. */
    static int number(String value) {
        if (value == null) {
            return -1; // picocli leaves it null when $PORT interpolates to nothing
        }
        try {
            int port = Integer.parseInt(value.strip());
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void checkHost(String host) {
        if (host == null || host.isBlank()) {
            throw new SchemaException("--host (or $HOST) is blank; give an interface address such as 127.0.0.1 or"
                    + " 0.0.0.0");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SchemaException("--host " + host + " is not a known host name or address; give an interface"
                    + " address such as 127.0.0.1 or 0.0.0.0");
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && java.net.NetworkInterface.getByInetAddress(address) == null) {
                throw new SchemaException(notLocal(host));
            }
        } catch (java.net.SocketException e) {
            // cannot list the interfaces: the bind itself will tell
        }
    }

    private static String notLocal(String host) {
        return "--host " + host + " is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its"
                + " interface addresses";
    }

    /** Binds and releases host:port once, so a taken port is reported before the database is opened. */
    static void checkFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            throw describe(new IllegalStateException(e), host, port);
        }
    }

    /** A bind failure as what went wrong and what to do, instead of Jetty's stack trace. */
    static SchemaException describe(RuntimeException e, String host, int port) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            causes.append(' ').append(t.getMessage());
        }
        String all = causes.toString();
        if (all.contains("Cannot assign requested address")) {
            return new SchemaException(notLocal(host));
        }
        if (all.contains("Permission denied")) {
            return new SchemaException("not allowed to listen on port " + port + " (ports below 1024 need privileges);"
                    + " choose a --port of 1024 or more");
        }
        if (all.contains("Address already in use") || all.contains("Port already in use")) {
            return new SchemaException("port " + port + " on " + host + " is already in use by another process;"
                    + " stop that process or choose another --port");
        }
        return new SchemaException("cannot listen on " + host + ":" + port + ":" + all.strip());
    }
}
