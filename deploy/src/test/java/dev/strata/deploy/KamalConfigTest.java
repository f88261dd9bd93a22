package dev.strata.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class KamalConfigTest {
    static Map<String, Object> config() throws Exception {
        return config("deploy/config/deploy.yml");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> config(String file) throws Exception {
        try (Reader in = Files.newBufferedReader(Repository.ROOT.resolve(file))) {
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePostgresConfigDiffersOnlyInTheDatabase() throws Exception {
        Map<String, Object> sqlite = config();
        Map<String, Object> postgres = config("deploy/config/deploy.postgres.yml");
        for (String same : List.of("service", "image", "proxy", "registry", "builder", "hooks_path")) {
            assertEquals(sqlite.get(same), postgres.get(same), same);
        }
        Map<String, Map<String, Object>> servers = (Map<String, Map<String, Object>>) postgres.get("servers");
        assertEquals(List.of("web", "worker"), List.copyOf(servers.keySet()));
        assertTrue(((List<String>) servers.get("web").get("hosts")).size() > 1, "several web hosts: the hook needs --primary");
        Map<String, Object> env = (Map<String, Object>) postgres.get("env");
        assertEquals(List.of("STRATA_DB"), env.get("secret"), "the database URL (with its password) is a secret");
        assertEquals("check", ((Map<String, Object>) env.get("clear")).get("STRATA_MIGRATE"));
        assertEquals(null, postgres.get("volumes"), "no SQLite volume");
        Map<String, Object> db = (Map<String, Object>) ((Map<String, Object>) postgres.get("accessories")).get("db");
        assertTrue(((String) db.get("image")).startsWith("postgres:"));
        assertTrue(((String) db.get("port")).split(":").length == 3, "published on one address, not all interfaces");
        assertEquals(List.of("POSTGRES_PASSWORD"), ((Map<String, Object>) db.get("env")).get("secret"));
        assertTrue(Files.readString(Repository.ROOT.resolve("deploy/hooks/pre-deploy")).contains("--primary"),
                "the hook migrates once, not once per web host");
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneImageTwoRolesSharingTheDatabaseVolume() throws Exception {
        Map<String, Object> config = config();
        Map<String, Map<String, Object>> servers = (Map<String, Map<String, Object>>) config.get("servers");
        assertEquals(List.of("web", "worker"), List.copyOf(servers.keySet()));
        assertEquals("bin/strata web", servers.get("web").get("cmd"));
        assertEquals("bin/strata worker", servers.get("worker").get("cmd"));

        List<String> volumes = (List<String>) config.get("volumes");
        String mount = volumes.get(0).split(":")[1];
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) config.get("env")).get("clear");
        assertTrue(((String) env.get("STRATA_DB")).startsWith(mount + "/"), "the database lives on the volume");
        assertEquals("check", env.get("STRATA_MIGRATE"), "a skipped hook is caught at startup, not papered over");
        assertEquals("0.0.0.0", env.get("HOST"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthcheckHooksAndBuilderPointAtRealThings() throws Exception {
        Map<String, Object> config = config();
        Map<String, Object> proxy = (Map<String, Object>) config.get("proxy");
        assertEquals("/health", ((Map<String, Object>) proxy.get("healthcheck")).get("path"));
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) config.get("env")).get("clear");
        assertEquals(proxy.get("app_port"), env.get("PORT"));

        Path hook = Repository.ROOT.resolve((String) config.get("hooks_path")).resolve("pre-deploy");
        assertTrue(Files.isRegularFile(hook) && Files.isExecutable(hook), hook + " exists and is executable");
        assertTrue(Files.readString(hook).startsWith("#!/bin/sh\n"), "POSIX sh");

        Map<String, Object> builder = (Map<String, Object>) config.get("builder");
        assertTrue(Files.isRegularFile(Repository.ROOT.resolve((String) builder.get("dockerfile"))));
    }
}
