package io.udpkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.server.UdpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the top-level documents say about the server must be what it does. */
class ReadmeTest {

    private static String read(String document) throws Exception {
        return Files.readString(Path.of("..", document));
    }

    @Test
    void setUpCommandOneSaysItRunsUntilCtrlC() throws Exception {
        String readme = read("README.md");
        int setUp = readme.indexOf("## Set up");
        String block = readme.substring(readme.indexOf("```sh", setUp),
                readme.indexOf("```", readme.indexOf("```sh", setUp) + 5));
        String commandOne = block.substring(0, block.indexOf("# 2."));
        assertTrue(commandOne.contains("runs until Ctrl-C"), commandOne);
    }

    @Test
    void theStatsLineShownHasTheServersFields() throws Exception {
        Matcher shown = Pattern.compile("stats: (\\{.*})").matcher(read("README.md"));
        assertTrue(shown.find(), "the README shows a stats line");
        List<String> documented = new ArrayList<>();
        new ObjectMapper().readTree(shown.group(1)).fieldNames().forEachRemaining(documented::add);
        List<String> actual = new ArrayList<>();
        try (UdpServer<Object> server = UdpServer.builder().host("127.0.0.1").port(0).open()) {
            new ObjectMapper().readTree(server.stats().toJson()).fieldNames()
                    .forEachRemaining(actual::add);
        }
        assertEquals(actual, documented);
    }

    @Test
    void noDocumentReadsTheHostWideFigureAsTheServersLoss() throws Exception {
        for (String document : List.of("README.md", "SECURITY.md", "ARCHITECTURE.md")) {
            assertFalse(read(document).contains("kernelDrops"), document);
        }
        assertTrue(read("SECURITY.md").contains("--reuse-address"), "SECURITY.md states its risk");
    }
}
