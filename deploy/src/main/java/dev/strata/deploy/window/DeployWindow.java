package dev.strata.deploy.window;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deploy-window check: the pre-deploy hook migrates before the container swap, so the previous release
 * serves on the new schema for a while. This builds the previous release (its code, its generated classes)
 * and runs its service tests on a template built from the current changelogs; a failure names the
 * changeset that breaks it (by bisecting the new changelog files) and the failing tests.
 *
 * <p>Exit 0: passes, or no previous release to check; 1: the previous release breaks; 2: bad input, or the
 * previous release cannot be checked. Usage: {@code deploy/bin/deploy-window --help}.
 */
public final class DeployWindow {
    static final String DEFAULT_TAGS = "release-*";
    static final String DEFAULT_MODULE = "strata-app";
    static final String SUPPORT = "strata.template.changelog";
    static final String RULE = "Two-release rule: in release N only add (new columns nullable or with a default,"
            + " new tables, dual writes) and stop reading what you will drop; drop or rename it in release N+1,"
            + " once no running release reads it.";
    private static final String USAGE = """
            usage: deploy-window [--previous REF] [--tags PATTERN] [--module ARTIFACT] [--test PATTERNS]
                                 [--changelog DIR] [--offline] [--work DIR]
            Runs the previous release's service tests on a database built from the current changelogs.
              --previous REF     the previous release: a tag, branch or commit (default: the newest tag
                                 matching --tags among HEAD's ancestors, HEAD's own tags left out)
              --tags PATTERN     release tag pattern, git glob (default: $STRATA_RELEASE_TAGS or release-*)
              --module ARTIFACT  the services' artifactId in the previous release (default: strata-app)
              --test PATTERNS    surefire -Dtest patterns (default: every test class of that module)
              --changelog DIR    the current folder holding db/changelog/master.xml (default: found)
              --offline          run Maven offline (-o)
              --work DIR         where the previous release is built (default: target/deploy-window)
            exit 0 passes (or no release tag yet), 1 the previous release breaks, 2 cannot check""";

    private final Path root;
    private final PrintStream out;
    private final Map<String, String> options;

    DeployWindow(Path root, Map<String, String> options, PrintStream out) {
        this.root = root;
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(Path.of("").toAbsolutePath(), args, System.out, System.err));
    }

    static int run(Path cwd, String[] args, PrintStream out, PrintStream err) {
        try {
            Map<String, String> options = parse(args);
            if (options.containsKey("help")) {
                out.println(USAGE);
                return 0;
            }
            Path root = Path.of(options.getOrDefault("root", cwd.toString())).toAbsolutePath().normalize();
            return new DeployWindow(root, options, out).check();
        } catch (WindowException e) {
            err.println("deploy-window: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("deploy-window: interrupted");
            return 2;
        } catch (Exception e) {
            err.println("deploy-window: " + e.getMessage());
            return 2;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> valued = List.of("previous", "tags", "module", "test", "changelog", "work", "root");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : arg;
            if (arg.equals("-h") || arg.equals("--help")) {
                options.put("help", "");
            } else if (arg.equals("--offline")) {
                options.put("offline", "");
            } else if (arg.startsWith("--") && valued.contains(name)) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new WindowException(arg + " needs a value; see --help");
                }
                options.put(name, args[++i]);
            } else {
                throw new WindowException("unknown argument '" + arg + "'; see --help");
            }
        }
        return options;
    }

    int check() throws Exception {
        Git git = new Git(root);
        if (git.call("rev-parse", "--show-toplevel") == null) {
            throw new WindowException(root + " is not a git checkout; run the check in a clone that has the release tags");
        }
        String ref = options.get("previous");
        if (ref == null) {
            String pattern = options.getOrDefault("tags", System.getenv().getOrDefault("STRATA_RELEASE_TAGS", DEFAULT_TAGS));
            ref = git.previousReleaseTag(pattern);
            if (ref == null) {
                out.println("deploy-window: no release tag matching '" + pattern + "' before HEAD; nothing to check"
                        + (git.shallow() ? " (this clone is shallow: `git fetch --tags --unshallow` first)"
                        : " (tag each release, e.g. `git tag release-1`)"));
                return 0;
            }
        }
        String commit = git.commit(ref);
        if (commit == null) {
            throw new WindowException("git ref '" + ref + "' does not exist in " + root
                    + "; give a tag, branch or commit (`git tag --list` shows the tags)");
        }
        String release = ref + " (" + commit.substring(0, 10) + ")";
        ChangelogFolder current = options.containsKey("changelog")
                ? new ChangelogFolder(Path.of(options.get("changelog")).toAbsolutePath()) : ChangelogFolder.in(root);
        if (!Files.isRegularFile(current.root.resolve(ChangelogFolder.MASTER))) {
            throw new WindowException("--changelog " + current.root + " holds no " + ChangelogFolder.MASTER);
        }

        long started = System.nanoTime();
        Path work = Path.of(options.getOrDefault("work", root.resolve("target/deploy-window").toString()))
                .toAbsolutePath().resolve(commit.substring(0, 12));
        Path checkout = checkout(git, commit, work);
        if (!supportsTheCheck(checkout)) {
            throw new WindowException("previous release " + release + " predates the deploy-window check (its test"
                    + " support does not read -D" + SUPPORT + "), so its tests would run on its own schema; check"
                    + " against a release made with it");
        }
        ChangelogFolder previous = ChangelogFolder.in(checkout);
        List<String> newFiles = current.newSince(previous);

        String module = options.getOrDefault("module", DEFAULT_MODULE);
        List<String> flags = options.containsKey("offline") ? List.of("-o") : List.of();
        ReleaseSuite suite = new ReleaseSuite(checkout, module, flags, work.resolve("logs"));
        out.println("deploy-window: building " + release + " (:" + module + " and what it needs) in " + checkout);
        suite.build(release);
        List<String> tests = options.containsKey("test") ? List.of(options.get("test").split(","))
                : suite.testClasses();
        if (tests.isEmpty()) {
            throw new WindowException("previous release " + release + " has no test classes in :" + module
                    + "; pass --module or --test");
        }
        out.println("deploy-window: running its tests on the current changelogs (" + newFiles.size()
                + " new changelog file(s): " + (newFiles.isEmpty() ? "none" : String.join(", ", newFiles)) + ")");
        ReleaseSuite.Outcome outcome = suite.run(tests, current.root, "current");
        if (!outcome.completed()) {
            throw new WindowException("the tests of " + release + " did not run to the end: " + outcome.error());
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (outcome.failures().isEmpty()) {
            out.println("deploy-window: " + release + " passes on the current changelogs: " + outcome.tests()
                    + " test(s) of :" + module + ", " + describe(current, newFiles) + " (" + seconds + " s)");
            return 0;
        }
        report(release, current, newFiles, outcome.failures(), suite, work);
        return 1;
    }

    /** Names the changeset that breaks the release: bisects over the new changelog files on the failing tests. */
    private void report(String release, ChangelogFolder current, List<String> newFiles,
            List<ReleaseSuite.Failure> failures, ReleaseSuite suite, Path work) throws Exception {
        List<String> failingClasses = failures.stream().map(f -> f.testClass().replace('.', '/')).distinct().toList();
        String culprit;
        if (newFiles.isEmpty()) {
            culprit = "no changelog file is new since " + release + "; an edited released changeset, or a test that"
                    + " depends on something else, breaks it";
        } else {
            Path prefixes = work.resolve("prefixes");
            deleteTree(prefixes);
            int[] runs = {0};
            java.util.function.IntPredicate failsWith = k -> {
                try {
                    ChangelogFolder prefix = current.without(newFiles.subList(k, newFiles.size()), prefixes.resolve("k" + k));
                    ReleaseSuite.Outcome o = suite.run(failingClasses, prefix.root, "first-" + k);
                    runs[0]++;
                    if (!o.completed()) {
                        throw new WindowException("the tests of " + release + " did not run to the end while looking"
                                + " for the breaking changeset: " + o.error());
                    }
                    return !o.failures().isEmpty();
                } catch (WindowException e) {
                    throw e;
                } catch (Exception e) {
                    throw new WindowException("cannot look for the breaking changeset: " + e.getMessage());
                }
            };
            out.println("deploy-window: " + failures.size() + " test(s) fail; finding the changeset that breaks "
                    + release + " (" + newFiles.size() + " new changelog file(s))");
            if (failsWith.test(0)) {
                throw new WindowException("the failing tests of " + release + " also fail on its own changelogs"
                        + " (" + failingClasses.size() + " class(es), e.g. " + failures.get(0) + "); fix or skip them"
                        + " in that release, then check again");
            }
            String file = newFiles.get(Bisect.firstFailing(newFiles.size(), failsWith) - 1);
            culprit = "breaks it: changeset " + String.join(", ", current.changesetIds(file)) + " in " + file;
        }
        out.println("deploy-window: " + release + " FAILS on the current changelogs: the deploy would break it"
                + " while it still serves.");
        out.println("  " + culprit);
        out.println("  failing test(s) of " + release + ":");
        failures.stream().limit(10).forEach(f -> out.println("    " + f));
        if (failures.size() > 10) {
            out.println("    … and " + (failures.size() - 10) + " more");
        }
        out.println("  The pre-deploy hook migrates before the container swap, so " + release.split(" ")[0]
                + " runs on the new schema until the swap. " + RULE);
    }

    private static String describe(ChangelogFolder current, List<String> newFiles) {
        List<String> ids = new ArrayList<>();
        for (String file : newFiles) {
            ids.addAll(current.changesetIds(file));
        }
        return ids.size() + " new changeset(s)" + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")");
    }

    /** The previous release's tree, extracted once per commit (reused by later runs: its build is incremental). */
    private static Path checkout(Git git, String commit, Path work) throws Exception {
        Path tree = work.resolve("tree");
        if (Files.isRegularFile(work.resolve("extracted"))) {
            return tree;
        }
        deleteTree(work);
        Files.createDirectories(tree);
        git.extract(commit, tree);
        Files.writeString(work.resolve("extracted"), commit + "\n");
        return tree;
    }

    private static boolean supportsTheCheck(Path checkout) throws Exception {
        try (Stream<Path> files = Files.walk(checkout)) {
            // the test support's source names the property; this check's own source is left out
            for (Path p : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/dev/strata/deploy/window/")).collect(Collectors.toList())) {
                if (Files.readString(p).contains("\"" + SUPPORT + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
