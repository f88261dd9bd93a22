package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A URL that does not parse: its password is in no output, neither Strata's line nor a library's log. */
class LoggedPasswordTest {

    @Test
    void aMalformedPostgresUrlLogsNoPassword() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + ": " + (record.getParameters() == null ? record.getMessage()
                        : MessageFormat.format(record.getMessage(), record.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String url : List.of("jdbc:postgresql://u:hunter2@[bad/app", "jdbc:postgresql://u:hunter2@db:port/app",
                    "postgres://u:hunter2@[bad/app")) {
                MigrateCliTest.Result result = MigrateCliTest.migrate("status", "--db", url);

                assertEquals(1, result.exit(), url + ": " + result.err());
                assertEquals(1, result.err().strip().lines().count(), result.err());
                assertFalse((result.out() + result.err()).contains("hunter2"), result.err());
            }
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), logged.stream().filter(l -> l.contains("hunter2")).toList());
    }
}
