package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.udpkit.core.CodecRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unpacked values print as CPython prints {@code struct.unpack}'s tuple: bytes as {@code b'ab'},
 * not {@code [B@372f7a8d}; checked against python3's own repr.
 */
class ValueReprTest {

    private static final String RECIPE = "! I 2s Q 2h f";

    @Test
    void unpackedListAndCodecValuePrintBytesAsPythonDoes() {
        byte[] record = Struct.pack(RECIPE, 1L, new byte[] {'a', 'b'}, 2L, 3L, 3L, 2.5);
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)", Struct.unpack(RECIPE, record).toString());
        Object value = CodecRegistry.installed().create("struct", RECIPE).decode(ByteBuffer.wrap(record));
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)", value.toString());
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)", Struct.compile(RECIPE).reader()
                .wrap(ByteBuffer.wrap(record), 0).toString());
        assertEquals("StructReader('<h', unwrapped)", Struct.compile("<h").reader().toString());
    }

    @Test
    void reprMatchesCpythonForAwkwardValues() throws Exception {
        String[][] cases = {
            {"<5s", "6127225c0a"},
            {"<4s", "27272222"},
            {"<3s", "00ff7f"},
            {"<c?x?", "090100" + "02"},
            {"<d", "000000000000f07f"},
            {"<d", "000000000000f8ff"},
            {"<d", "0000000000000080"},
            {"<ddd", "0000000000408f40" + "9a9999999999b93f" + "0000000000006a43"},
            {"<dd", "bbbdd7d9df7cdb3d" + "0000000000e0af40"},
            {"<fe", "cdcccc3d" + "0000"},
            {"<Qq", "ffffffffffffffff" + "0000000000000080"},
            {"<h", "0100"},
            {"<0s", ""},
        };
        StringBuilder script = new StringBuilder("import struct\n");
        List<String> actual = new ArrayList<>();
        for (String[] c : cases) {
            script.append("print(repr(struct.unpack('").append(c[0]).append("', bytes.fromhex('")
                    .append(c[1]).append("'))))\n");
            actual.add(Struct.unpack(c[0], HexFormat.of().parseHex(c[1])).toString());
        }
        PythonProcess.assumeAvailable();
        List<String> expected = PythonProcess.run("-c", script.toString()).lines().toList();
        assertEquals(expected, actual);
    }
}
