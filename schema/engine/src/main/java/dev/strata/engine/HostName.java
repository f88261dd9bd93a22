package dev.strata.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name without a network lookup: from the kernel or the environment, never from DNS. */
public final class HostName {
    private static final String NAME = read();

    private HostName() {
    }

    public static String local() {
        return NAME;
    }

    private static String read() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (Exception ignored) {
            // not Linux: fall back to the environment
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "unknown-host";
    }
}
