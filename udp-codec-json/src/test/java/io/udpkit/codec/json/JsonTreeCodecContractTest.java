package io.udpkit.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.udpkit.core.Codec;
import io.udpkit.testkit.CodecContract;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link JsonCodec#tree()} against the codec contract. */
class JsonTreeCodecContractTest extends CodecContract<JsonNode> {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    protected Codec<JsonNode> codec() {
        return JsonCodec.tree();
    }

    @Override
    protected List<JsonNode> samples() {
        ObjectNode nested = NODES.objectNode();
        nested.put("id", "sensor-7").put("channel", 3).put("big", 1L << 40).put("ratio", 0.25);
        nested.putArray("tags").add("a").add("\u00e9\u4e2d\ud83d\ude00").add("quote\" backslash\\ newline\n");
        nested.putObject("inner").putNull("nothing").put("flag", false);
        nested.put("huge", new BigInteger("123456789012345678901234567890"));
        return List.of(
                NODES.objectNode(),
                NODES.arrayNode(),
                nested,
                NODES.arrayNode().add(1).add(-2.5).add(NODES.nullNode()).add(true).add(NODES.objectNode()),
                NODES.textNode(""),
                NODES.textNode("x".repeat(3000)),
                NODES.nullNode(),
                NODES.booleanNode(true),
                NODES.numberNode(42),
                NODES.numberNode(-1.0e-300));
    }

    /** A bare number's prefixes are numbers too ({@code 42} begins with {@code 4}). */
    @Override
    protected boolean prefixesAreInvalid(JsonNode sample) {
        return !sample.isNumber();
    }

    @Override
    protected List<byte[]> invalidPayloads() {
        List<byte[]> invalid = new ArrayList<>();
        for (String text : List.of("{", "[1,]", "{\"a\":1}x", "{\"a\":1} {\"a\":2}", "{\"a\":1,\"a\":2}",
                "nan", "+Infinity", "-INF", "'single'", "{a:1}", "[1] // comment", "\"\\ud800", "01",
                "[".repeat(65) + "]".repeat(65), "1" + "0".repeat(100), " ")) {
            invalid.add(text.getBytes(StandardCharsets.UTF_8));
        }
        invalid.add(new byte[] {'"', (byte) 0xFF, '"'});
        invalid.add("{}".getBytes(StandardCharsets.UTF_16BE));
        invalid.add("{}".getBytes(StandardCharsets.UTF_16LE));
        invalid.add(new byte[] {'{', 0, '}'});
        return invalid;
    }
}
