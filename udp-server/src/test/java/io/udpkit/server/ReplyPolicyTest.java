package io.udpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.udpkit.testkit.PythonProcess;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyPolicyTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] stripUpper(byte[] request) {
        ByteBuffer out = ByteBuffer.allocateDirect(request.length);
        ByteBuffer in = ByteBuffer.wrap(request);
        ReplyPolicy.stripUpper(in, out);
        assertEquals(0, in.position(), "the request is read by absolute index");
        out.flip();
        byte[] result = new byte[out.remaining()];
        out.get(result);
        return result;
    }

    @Test
    void upperStripsAndUpperCasesTheRecipeExample() {
        assertEquals("HELLO WORLD", new String(stripUpper(
                " hello world\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
    }

    @Test
    void upperMatchesPythonBytesStripUpper() throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(new byte[0]);
        inputs.add(new byte[] {' ', '\t', '\n', '\r', 0x0b, 0x0c});
        inputs.add(new byte[] {0x0b, 'a', 0x1c, 'z', 0x0c});
        inputs.add(new byte[] {(byte) 0xa0, 'x', (byte) 0xe9, (byte) 0x85});
        inputs.add("{[`az`]} @AZ".getBytes(StandardCharsets.US_ASCII));
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        inputs.add(all);
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int j = 0; j < bytes.length; j++) {
                // Bias towards whitespace and letters, the interesting bytes.
                int pick = random.nextInt(4);
                bytes[j] = (byte) (pick == 0 ? " \t\n\r\u000b\u000c".charAt(random.nextInt(6))
                        : pick == 1 ? 'a' + random.nextInt(26) : random.nextInt(256));
            }
            inputs.add(bytes);
        }
        StringBuilder input = new StringBuilder();
        for (byte[] bytes : inputs) {
            input.append(HEX.formatHex(bytes)).append('\n');
        }
        String[] expected = PythonProcess.run("strip_upper_oracle.py", input.toString()).split("\n", -1);
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(expected[i], HEX.formatHex(stripUpper(inputs.get(i))),
                    "strip().upper() of " + HEX.formatHex(inputs.get(i)));
        }
    }
}
