package io.udpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM lists every published module of the build, and nothing else. */
class BomTest {

    /** Modules that are never published, and the BOM itself. */
    private static final Set<String> UNPUBLISHED = Set.of("udpkit-bom", "udp-bench", "udp-examples");

    @Test
    void bomManagesEveryPublishedModule() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> published = new TreeSet<>(all("<module>([^<]+)</module>",
                Files.readString(root.resolve("pom.xml"))));
        published.removeAll(UNPUBLISHED);
        Set<String> managed = all("<artifactId>(udp-[^<]+)</artifactId>",
                Files.readString(root.resolve("udpkit-bom/pom.xml")));
        assertEquals(published, managed);
    }

    /** The BOM has no parent, so its version is written twice: they must agree. */
    @Test
    void bomVersionIsTheBuildsVersion() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String version = "<version>([^<]+)</version>";
        assertEquals(first(version, Files.readString(root.resolve("pom.xml"))),
                first(version, Files.readString(root.resolve("udpkit-bom/pom.xml"))));
    }

    private static String first(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Set<String> all(String regex, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
