package io.udpkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every README block marked {@code <!-- example: X.java -->} is text of that example file. */
class ReadmeExamplesTest {

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: (\\w+\\.java) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void readmeQuotesTheExamplesAsTheyAre() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.resolveSibling("README.md"));
        Matcher block = EXAMPLE.matcher(readme);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String source = Files.readString(
                    module.resolve("src/main/java/io/udpkit/examples").resolve(block.group(1)));
            assertTrue(normalized(source).contains(normalized(block.group(2))),
                    "README's block for " + block.group(1) + " is not in that file:\n" + block.group(2));
        }
        assertTrue(blocks >= 4, "the README quotes the server, client and custom codec: " + blocks);
    }

    /** Each line without its indentation, so a method quoted out of its class still matches. */
    private static String normalized(String code) {
        return code.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
    }
}
