package io.udpkit.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final JsonCodec<JsonNode> TREE = JsonCodec.tree();
    private static final JsonCodec<Reading> READINGS = JsonCodec.of(Reading.class);
    private static final Pattern LINE_COLUMN = Pattern.compile("\\(line (\\d+), column (\\d+)\\)$");

    // ------------------------------------------------------------ values

    @Test
    void treeDecodesNestedDocument() {
        JsonNode node = TREE.decode(utf8("{\"id\":\"s-1\",\"values\":[1,2.5,null,true],\"meta\":{\"k\":\"v\"}}"));
        assertEquals("s-1", node.get("id").asText());
        assertEquals(3, node.get("values").size() - 1);
        assertEquals(2.5, node.get("values").get(1).asDouble());
        assertTrue(node.get("values").get(2).isNull());
        assertEquals("v", node.get("meta").get("k").asText());
    }

    @Test
    void treeDecodesJsonNullToNullNode() {
        assertSame(NullNode.getInstance(), TREE.decode(utf8("null")));
    }

    @Test
    void recordBindingDecodesNestedRecordAndList() {
        Reading reading = READINGS.decode(utf8("{\"sequence\":9,\"sensor\":{\"id\":\"s-2\",\"channel\":4},"
                + "\"samples\":[{\"atMillis\":10,\"value\":1.5},{\"atMillis\":20,\"value\":-2}],\"calibrated\":true}"));
        assertEquals(new Reading(9, new Reading.Sensor("s-2", 4),
                List.of(new Reading.Sample(10, 1.5), new Reading.Sample(20, -2.0)), true), reading);
    }

    @Test
    void recordBindingEncodesComponentsAsProperties() {
        ByteBuffer out = ByteBuffer.allocate(256);
        READINGS.encode(new Reading(3, new Reading.Sensor("a", 1), List.of(new Reading.Sample(5, 0.5)), false), out);
        JsonNode written = TREE.decode(out.flip());
        assertEquals(TREE.decode(utf8("{\"sequence\":3,\"sensor\":{\"id\":\"a\",\"channel\":1},"
                + "\"samples\":[{\"atMillis\":5,\"value\":0.5}],\"calibrated\":false}")), written);
    }

    @Test
    void recordBindingRejectsJsonNull() {
        CodecException e = assertThrows(CodecException.class, () -> READINGS.decode(utf8("null")));
        assertEquals("JSON null where Reading was expected", e.getMessage());
    }

    @Test
    void recordBindingRejectsNullOrAbsentPrimitive() {
        String sensor = "\"sensor\":{\"id\":\"s\",\"channel\":1},\"samples\":[],\"calibrated\":true";
        assertEquals(5L, READINGS.decode(utf8("{\"sequence\":5," + sensor + "}")).sequence());
        CodecException explicitNull = assertThrows(CodecException.class,
                () -> READINGS.decode(utf8("{\"sequence\":null," + sensor + "}")));
        assertEquals("invalid JSON datagram: Cannot map `null` into type `long` at $.sequence (line 1, column 13)",
                explicitNull.getMessage());
        assertThrows(CodecException.class, () -> READINGS.decode(utf8("{" + sensor + "}")));
    }

    @Test
    void bindingErrorNamesJsonPathAndPosition() {
        CodecException e = assertThrows(CodecException.class,
                () -> READINGS.decode(utf8("{\"sequence\":1,\"samples\":[{\"atMillis\":1,\"value\":1},{\"atMillis\":\"soon\"}]}")));
        assertTrue(e.getMessage().contains(" at $.samples[1].atMillis (line 1, column "), e.getMessage());
    }

    // ------------------------------------------------------------ malformed input

    @Test
    void decodeRejectsTrailingGarbage() {
        CodecException e = assertThrows(CodecException.class, () -> TREE.decode(utf8("{\"a\":1}x")));
        assertTrue(e.getMessage().startsWith("invalid JSON datagram: "), e.getMessage());
        assertEquals(List.of(1, 8), lineAndColumn(e));
        assertThrows(CodecException.class, () -> TREE.decode(utf8("{\"a\":1} {\"a\":2}")));
        assertThrows(CodecException.class, () -> READINGS.decode(utf8("{\"sequence\":1} 2")));
    }

    @Test
    void decodeAcceptsTrailingWhitespace() {
        assertEquals(1, TREE.decode(utf8(" {\"a\":1}\r\n\t ")).get("a").asInt());
    }

    @Test
    void decodeRejectsDuplicateKeys() {
        CodecException tree = assertThrows(CodecException.class, () -> TREE.decode(utf8("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}")));
        assertTrue(tree.getMessage().contains("Duplicate field 'c'"), tree.getMessage());
        assertThrows(CodecException.class, () -> READINGS.decode(utf8("{\"sequence\":1,\"sequence\":1000}")));
    }

    @Test
    void decodeRejectsDepthBombAtTheDepthLimit() {
        String bomb = "[".repeat(DatagramLimits.MAX_UDP_PAYLOAD);
        CodecException e = assertThrows(CodecException.class, () -> TREE.decode(utf8(bomb)));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        // The parser stopped just past the first bracket beyond the limit, not at the end of the payload.
        List<Integer> stoppedAt = lineAndColumn(e);
        assertEquals(1, stoppedAt.get(0));
        assertTrue(stoppedAt.get(1) <= DatagramJsonMapper.MAX_NESTING_DEPTH + 2, e.getMessage());
        assertThrows(CodecException.class, () -> READINGS.newDecoder().decode(direct(bomb)));
    }

    @Test
    void decodeAcceptsNestingUpToTheLimit() {
        int depth = DatagramJsonMapper.MAX_NESTING_DEPTH;
        JsonNode node = TREE.decode(utf8("[".repeat(depth) + "]".repeat(depth)));
        for (int level = 1; level < depth; level++) {
            node = node.get(0);
        }
        assertTrue(node.isArray() && node.isEmpty());
        assertThrows(CodecException.class, () -> TREE.decode(utf8("[".repeat(depth + 1) + "]".repeat(depth + 1))));
    }

    @Test
    void decodeRejectsNumbersLongerThanTheLimit() {
        String longest = "9".repeat(DatagramJsonMapper.MAX_NUMBER_LENGTH);
        assertEquals(longest, TREE.decode(utf8(longest)).bigIntegerValue().toString());
        CodecException e = assertThrows(CodecException.class, () -> TREE.decode(utf8("[" + longest + "9]")));
        assertTrue(e.getMessage().contains("Number value length"), e.getMessage());
        assertThrows(CodecException.class, () -> TREE.decode(utf8("{\"x\":1." + "5".repeat(60_000) + "}")));
    }

    @Test
    void decodeRejectsInvalidUtf8() {
        for (byte[] invalid : List.of(
                new byte[] {'"', (byte) 0xC3, '(', '"'},                 // truncated two-byte sequence
                new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'},         // overlong '/'
                new byte[] {'"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
                new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},         // encoded surrogate (CESU-8)
                new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
                new byte[] {'[', '1', ']', (byte) 0x80},
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0})) {
            assertThrows(CodecException.class, () -> TREE.decode(ByteBuffer.wrap(invalid)), () -> hex(invalid));
            assertThrows(CodecException.class, () -> TREE.newDecoder().decode(directCopy(invalid)), () -> hex(invalid));
        }
    }

    @Test
    void decodeRejectsUtf16AndUtf32WhichJacksonWouldOtherwiseDetect() {
        for (var charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16)) {
            byte[] payload = "{\"a\":1}".getBytes(charset);
            CodecException e = assertThrows(CodecException.class, () -> TREE.decode(ByteBuffer.wrap(payload)));
            assertTrue(e.getMessage().startsWith("JSON datagram is not UTF-8: byte 0x"), e.getMessage());
        }
        assertThrows(CodecException.class, () -> TREE.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, '1'})));
    }

    @Test
    void decodeIgnoresLeadingUtf8ByteOrderMark() {
        byte[] payload = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
        assertEquals(1, TREE.decode(ByteBuffer.wrap(payload)).get(0).asInt());
    }

    @Test
    void decodeRejectsEmptyAndOversizedPayloads() {
        assertEquals("empty datagram: a JSON datagram holds one JSON document",
                assertThrows(CodecException.class, () -> TREE.decode(ByteBuffer.allocate(0))).getMessage());
        ByteBuffer oversized = utf8("\"" + "a".repeat(DatagramLimits.MAX_UDP_PAYLOAD) + "\"");
        CodecException e = assertThrows(CodecException.class, () -> TREE.decode(oversized));
        assertTrue(e.getMessage().contains("larger than 65507 bytes"), e.getMessage());
    }

    @Test
    void decodeErrorTranslatesJacksonLocationDumps() {
        CodecException e = assertThrows(CodecException.class, () -> TREE.decode(utf8("{\"a\":[1")));
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
    }

    @Test
    void decodeErrorIsOneLineWithLineAndColumn() {
        CodecException e = assertThrows(CodecException.class, () -> TREE.decode(utf8("{\n  \"a\": [1,\n  2,,\n]}")));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertEquals(3, lineAndColumn(e).get(0), e.getMessage());
    }

    // ------------------------------------------------------------ no typing from the wire

    /** Counts instantiations; a payload must never make Jackson construct one. */
    static final class Gadget implements Message {
        static final AtomicInteger CREATED = new AtomicInteger();

        Gadget() {
            CREATED.incrementAndGet();
        }
    }

    /** A base type that asks for class names in the payload, the dangerous pattern. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    interface Message {
    }

    /** A record with an untyped field, where default typing would honour a class name. */
    record Envelope(Object payload) {
    }

    @Test
    void classNamesInPayloadNeverInstantiateAnything() {
        String gadget = "{\"@class\":\"" + Gadget.class.getName() + "\"}";
        int before = Gadget.CREATED.get();

        assertEquals(Gadget.class.getName(), TREE.decode(utf8(gadget)).get("@class").asText());
        Object payload = JsonCodec.of(Envelope.class).decode(utf8("{\"payload\":" + gadget + "}")).payload();
        assertEquals(Map.of("@class", Gadget.class.getName()), payload);
        Object[] untyped = JsonCodec.of(Object[].class).decode(utf8("[\"" + Gadget.class.getName() + "\",{}]"));
        assertEquals(List.of(Gadget.class.getName(), Map.of()), List.of(untyped));
        CodecException refused = assertThrows(CodecException.class, () -> JsonCodec.of(Message.class).decode(utf8(gadget)));
        assertTrue(refused.getMessage().contains("Could not resolve type id"), refused.getMessage());
        assertThrows(CodecException.class, () -> READINGS.decode(utf8("{\"@class\":\"" + Gadget.class.getName() + "\"}")));

        assertEquals(before, Gadget.CREATED.get(), "a Gadget was instantiated from a payload");
    }

    // ------------------------------------------------------------ encode

    @Test
    void encodeRejectsDocumentLargerThanDatagramAndKeepsPosition() {
        ByteBuffer out = ByteBuffer.allocate(100_000).position(10);
        JsonNode big = JsonNodeFactory.instance.textNode("x".repeat(DatagramLimits.MAX_UDP_PAYLOAD));
        CodecException e = assertThrows(CodecException.class, () -> TREE.encode(big, out));
        assertEquals("encoded JSON document is larger than 65507 bytes, the largest UDP payload", e.getMessage());
        assertEquals(10, out.position());
    }

    @Test
    void encodeRejectsDocumentLargerThanBufferAndKeepsPosition() {
        ByteBuffer out = ByteBuffer.allocateDirect(64).position(4);
        JsonNode node = JsonNodeFactory.instance.textNode("y".repeat(100));
        CodecException e = assertThrows(CodecException.class, () -> TREE.encode(node, out));
        assertEquals("encoded JSON document needs more than the 60 bytes left in the buffer", e.getMessage());
        assertEquals(4, out.position());
    }

    @Test
    void encodeRejectsNestingBeyondTheLimit() {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode innermost = root;
        for (int level = 1; level <= DatagramJsonMapper.MAX_NESTING_DEPTH; level++) {
            innermost = innermost.addArray();
        }
        ByteBuffer out = ByteBuffer.allocate(1024);
        CodecException e = assertThrows(CodecException.class, () -> TREE.encode(root, out));
        assertTrue(e.getMessage().startsWith("cannot encode JsonNode as JSON: "), e.getMessage());
        assertEquals(0, out.position());
    }

    @Test
    void encodeWritesUtf8() {
        ByteBuffer out = ByteBuffer.allocate(64);
        TREE.encode(JsonNodeFactory.instance.textNode("\u00e9\ud83d\ude00"), out);
        byte[] written = new byte[out.position()];
        out.flip().get(written);
        assertEquals("\"\u00e9\ud83d\ude00\"", new String(written, StandardCharsets.UTF_8));
        assertEquals(1 + 2 + 4 + 1, written.length);
    }

    // ------------------------------------------------------------ helpers

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer direct(String text) {
        return directCopy(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer directCopy(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static List<Integer> lineAndColumn(CodecException e) {
        Matcher m = LINE_COLUMN.matcher(e.getMessage());
        assertTrue(m.find(), () -> "no line and column in: " + e.getMessage());
        return List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x ", b & 0xFF));
        }
        return text.toString().strip();
    }
}
