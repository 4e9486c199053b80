package io.udpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Arguments the launcher decoded as ASCII are re-read from the raw command line as UTF-8. */
class NativeArgumentsTest {

    private static final String TEXT = "\u00e9\ud83d\ude00"; // é😀

    private static byte[] cmdline(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            out.writeBytes(entry);
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void replacementCharactersAreReadAgainAsUtf8() {
        // What java got under LANG=C: one U+FFFD per byte of the 6-byte UTF-8 text.
        String[] decoded = {"send", "--message", "\ufffd".repeat(6)};
        byte[] raw = cmdline(ascii("/usr/bin/java"), ascii("-jar"), ascii("udp-client.jar"),
                ascii("send"), ascii("--message"), TEXT.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"send", "--message", TEXT},
                NativeArguments.recover(decoded, raw));
    }

    @Test
    void questionMarksFromAnAsciiDecoderAreReadAgainToo() {
        String[] decoded = {"--message", "a??????b"};
        byte[] raw = cmdline(ascii("java"), ascii("Main"), ascii("--message"),
                ("a" + TEXT + "b").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"--message", "a" + TEXT + "b"},
                NativeArguments.recover(decoded, raw));
    }

    @Test
    void aCommandLineThatDoesNotLineUpIsLeftAlone() {
        String[] decoded = {"--message", "x\ufffd\ufffd"};
        byte[] raw = cmdline(ascii("java"), ascii("--message"),
                ("y" + TEXT).getBytes(StandardCharsets.UTF_8));
        assertSame(decoded, NativeArguments.recover(decoded, raw));
    }

    @Test
    void bytesThatAreNotUtf8KeepTheLaunchersReading() {
        String[] decoded = {"\ufffd"};
        byte[] raw = cmdline(ascii("java"), new byte[] {(byte) 0xE9});
        assertArrayEquals(decoded, NativeArguments.recover(decoded, raw));
    }
}
