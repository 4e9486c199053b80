package io.udpkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code udp-client send --message} as a separate JVM under {@code LANG=C}: the text goes on the
 * wire as UTF-8 and the reply is printed as UTF-8, as Python does, whatever the locale.
 */
class ClientLocaleProcessTest {

    /** é😀 as UTF-8. */
    private static final byte[] TEXT = {(byte) 0xC3, (byte) 0xA9, (byte) 0xF0, (byte) 0x9F,
        (byte) 0x98, (byte) 0x80};

    @Test
    void messageIsUtf8OnTheWireAndOnStdoutUnderTheCLocale() throws Exception {
        try (DatagramChannel server = DatagramChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            // The argument's bytes come from printf, so this JVM's own locale cannot alter them.
            List<String> command = new ArrayList<>(List.of("sh", "-c",
                    "exec \"$0\" \"$@\" \"$(printf '\\303\\251\\360\\237\\230\\200')\"",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dfile.encoding=US-ASCII", "-Dstdout.encoding=US-ASCII",
                    "-Dsun.stdout.encoding=US-ASCII",
                    "-cp", System.getProperty("java.class.path"),
                    UdpClientCommand.class.getName(), "send", "--port", Integer.toString(port),
                    "--message"));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("LANG", "C");
            builder.environment().put("LC_ALL", "C");
            Process client = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                ByteBuffer received = ByteBuffer.allocate(1024);
                server.configureBlocking(true);
                SocketAddress from = server.receive(received);
                received.flip();
                byte[] wire = new byte[received.remaining()];
                received.get(wire);
                assertArrayEquals(TEXT, wire, "UTF-8 on the wire, not replacement characters");
                server.send(ByteBuffer.wrap(TEXT), from);

                assertTrue(client.waitFor(60, TimeUnit.SECONDS), "client exited");
                String err = new String(client.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8);
                assertEquals(0, client.exitValue(), err);
                byte[] expected = new byte[TEXT.length + 1];
                System.arraycopy(TEXT, 0, expected, 0, TEXT.length);
                expected[TEXT.length] = '\n';
                assertArrayEquals(expected, out.get(10, TimeUnit.SECONDS), "UTF-8 on stdout");
            } finally {
                client.destroyForcibly();
            }
        }
    }
}
