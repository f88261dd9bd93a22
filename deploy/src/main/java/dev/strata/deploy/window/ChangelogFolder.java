package dev.strata.deploy.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A folder holding {@code db/changelog/master.xml} (a module's {@code src/main/resources}): where it is in a
 * checkout, which files its master includes, and copies of it that stop after the first k new files.
 */
final class ChangelogFolder {
    static final String MASTER = "db/changelog/master.xml";

    final Path root;

    ChangelogFolder(Path root) {
        this.root = root;
    }

    /** The one main-resources folder of a checkout that holds the master changelog (found, so modules may move). */
    static ChangelogFolder in(Path checkout) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.walk(checkout, 8)) {
            found = files.filter(p -> p.endsWith(MASTER))
                    .map(p -> p.getParent().getParent().getParent())
                    .filter(p -> p.endsWith("src/main/resources"))
                    .filter(p -> !checkout.relativize(p).toString().contains("target/"))
                    .toList();
        }
        if (found.size() != 1) {
            throw new WindowException((found.isEmpty() ? "no " : found.size() + " ") + "src/main/resources/" + MASTER
                    + " in " + checkout + (found.isEmpty() ? "" : " (" + found + ")")
                    + "; pass --changelog with the folder that holds " + MASTER);
        }
        return new ChangelogFolder(found.get(0));
    }

    /** The {@code file} attributes of the master's {@code include} elements, in order. */
    List<String> includes() {
        List<String> files = new ArrayList<>();
        NodeList nodes = master().getElementsByTagNameNS("*", "include");
        for (int i = 0; i < nodes.getLength(); i++) {
            files.add(((Element) nodes.item(i)).getAttribute("file"));
        }
        return files;
    }

    /** The included files of this master that {@code older}'s master does not include, in order. */
    List<String> newSince(ChangelogFolder older) {
        Set<String> known = new LinkedHashSet<>(older.includes());
        return includes().stream().filter(f -> !known.contains(f)).toList();
    }

    /** The changeset ids in an included XML file (its name alone for other formats). */
    List<String> changesetIds(String include) {
        Path file = root.resolve(MASTER).getParent().resolve(include);
        if (!include.endsWith(".xml") || !Files.isRegularFile(file)) {
            return List.of(include);
        }
        NodeList nodes = parse(file).getElementsByTagNameNS("*", "changeSet");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            ids.add(((Element) nodes.item(i)).getAttribute("id"));
        }
        return ids.isEmpty() ? List.of(include) : ids;
    }

    /** A copy of this folder's {@code db/} at {@code into} whose master leaves out {@code leftOut}. */
    ChangelogFolder without(List<String> leftOut, Path into) throws Exception {
        Path source = root.resolve("db");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path copy = into.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        Document master = master();
        NodeList nodes = master.getElementsByTagNameNS("*", "include");
        for (int i = nodes.getLength() - 1; i >= 0; i--) {
            Element include = (Element) nodes.item(i);
            if (leftOut.contains(include.getAttribute("file"))) {
                include.getParentNode().removeChild(include);
            }
        }
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(master), new StreamResult(into.resolve(MASTER).toFile()));
        return new ChangelogFolder(into);
    }

    private Document master() {
        return parse(root.resolve(MASTER));
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new WindowException("changelog " + file + " does not parse as XML (" + e.getMessage()
                    + "); the check reads the master changelog's include elements");
        }
    }
}
