package io.udpkit.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.codec.TextCodec;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.CapturedLog;
import io.udpkit.core.testing.LoopbackPeer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and near-miss datagrams against a decoding, replying, sometimes failing
 * server: afterwards every counter matches what was sent, exactly, the server still answers, and
 * the log stays short.
 */
class ReceiveLoopFuzzTest {

    private static final int DATAGRAMS = 20_000;
    private static final int CHUNK = 500;
    private static final int MAX_SIZE = 1024;
    /** One, two, three and four bytes of UTF-8. */
    private static final int[] CODE_POINTS = {'a', 0xE9, 0x65E5, 0x1F600};

    @Test
    void randomDatagramsAreAllAccountedForAndTheServerSurvives() throws Exception {
        Random random = new Random(20261125);
        long expectTruncated = 0;
        long expectUndecodable = 0;
        long expectDecoded = 0;
        long expectHandlerErrors = 0;
        long expectReplied = 0;
        // Decoded text starting with '!' makes the handler throw; with '?' it replies twice the
        // size (refused); anything else is echoed.
        DatagramHandler<String> handler = (text, datagram) -> {
            if (text.startsWith("!")) {
                throw new IllegalStateException("handler refuses " + text.length() + " chars");
            }
            if (text.startsWith("?")) {
                datagram.reply(ByteBuffer.allocate(datagram.length() * 2 + 1));
            } else {
                datagram.reply(datagram.payload());
            }
        };
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress("127.0.0.1", 0).maxDatagramSize(MAX_SIZE)
                        .receiveBufferSize(4 << 20).build());
                BackgroundServe loop = BackgroundServe.start(server, TextCodec.INSTANCE, handler);
                LoopbackPeer peer = new LoopbackPeer()) {
            long expectOversized = 0;
            for (int sent = 0; sent < DATAGRAMS; ) {
                for (int i = 0; i < CHUNK; i++, sent++) {
                    byte[] payload = randomPayload(random);
                    peer.send(server.localAddress(), payload);
                    if (payload.length > MAX_SIZE) {
                        expectTruncated++;
                    } else if (!isUtf8(payload)) {
                        expectUndecodable++;
                    } else {
                        expectDecoded++;
                        if (payload.length > 0 && payload[0] == '!') {
                            expectHandlerErrors++;
                        } else if (payload.length > 0 && payload[0] == '?') {
                            expectOversized++;
                        } else {
                            expectReplied++;
                        }
                    }
                }
                long total = sent;
                // Pace by chunks so neither receive buffer overflows and nothing is lost.
                loop.awaitStats(s -> s.received() == total);
                drainReplies(peer);
            }
            long oversized = expectOversized;
            long replied = expectReplied;
            long handlerErrors = expectHandlerErrors;
            TransportStats stats = loop.awaitStats(s -> s.replied() == replied
                    && s.oversizedReplies() == oversized && s.handlerErrors() == handlerErrors);

            assertEquals(DATAGRAMS, stats.received());
            assertEquals(expectTruncated, stats.truncated());
            assertEquals(expectUndecodable, stats.undecodable());
            assertEquals(expectDecoded, stats.decoded());
            assertEquals(stats.received(),
                    stats.decoded() + stats.undecodable() + stats.truncated());
            assertTrue(expectTruncated > 100 && expectUndecodable > 100 && expectDecoded > 100
                    && handlerErrors > 10 && oversized > 10, stats.toJson());

            drainReplies(peer);
            peer.send(server.localAddress(), "still here".getBytes(UTF_8));
            assertArrayEquals("still here".getBytes(UTF_8), peer.receive(Duration.ofSeconds(5)));

            int warnings = log.messages(Level.WARN).size();
            assertTrue(warnings <= 10, warnings + " WARN lines for " + DATAGRAMS + " datagrams");
        }
    }

    /** Empty, tiny, near the limit, over it, valid text, text with one bad byte, random bytes. */
    private static byte[] randomPayload(Random random) {
        int kind = random.nextInt(7);
        switch (kind) {
            case 0:
                return new byte[random.nextInt(2)];
            case 1:
                return new byte[MAX_SIZE - 1 + random.nextInt(3)];
            case 2: {
                byte[] big = new byte[MAX_SIZE + 1 + random.nextInt(2000)];
                random.nextBytes(big);
                return big;
            }
            case 3:
            case 4: {
                StringBuilder text = new StringBuilder();
                text.append("!?ab".charAt(random.nextInt(4)));
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
                }
                byte[] bytes = text.toString().getBytes(UTF_8);
                if (kind == 4 && bytes.length > 1) {
                    bytes[1 + random.nextInt(bytes.length - 1)] = (byte) (0x80 + random.nextInt(128));
                }
                return bytes;
            }
            default: {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                return noise;
            }
        }
    }

    private static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void drainReplies(LoopbackPeer peer) throws Exception {
        for (int i = 0; i < 2 * CHUNK && peer.receive(Duration.ofMillis(1)) != null; i++) {
            // Replies are not checked here; reading them keeps the peer's buffer from filling.
        }
    }
}
