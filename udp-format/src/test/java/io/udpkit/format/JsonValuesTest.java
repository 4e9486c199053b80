package io.udpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    private static InetSocketAddress from(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void recordOfStructValuesUsesValuesArray() throws Exception {
        List<Object> record = List.of(1L, "ab".getBytes(StandardCharsets.US_ASCII), 2L, 3L, 3L, 2.5);
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"values\":[1,\"ab\",2,3,3,2.5]}",
                JsonValues.record(from("127.0.0.1", 5555), record));
    }

    @Test
    void recordOfTextAndRawUsesValue() throws Exception {
        assertEquals("{\"from\":\"127.0.0.1:1\",\"value\":\"data\"}",
                JsonValues.record(from("127.0.0.1", 1), "data"));
        ByteBuffer raw = ByteBuffer.wrap(new byte[] {'x', (byte) 0xff, 0});
        assertEquals("{\"from\":\"127.0.0.1:1\",\"value\":\"x\\u00ff\\u0000\"}",
                JsonValues.record(from("127.0.0.1", 1), raw));
        assertEquals(0, raw.position(), "the payload's position is left alone");
    }

    @Test
    void ipv6SenderIsBracketedInItsShortestForm() throws Exception {
        assertEquals("{\"from\":\"[::1]:9\",\"value\":\"a\"}",
                JsonValues.record(from("::1", 9), "a"));
    }

    @Test
    void nonFiniteFloatsAreWrittenBareAsPythonDoes() {
        assertEquals("[NaN,Infinity,-Infinity,-0.0,1e+16,1e-05]", JsonValues.array(List.of(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e16, 1e-5)));
    }

    @Test
    void bigUnsignedIntegersStayExact() {
        assertEquals("[18446744073709551615,-9223372036854775808]", JsonValues.array(List.of(
                new BigInteger("18446744073709551615"), Long.MIN_VALUE)));
    }

    @Test
    void otherObjectsGoThroughJacksonTrees() throws Exception {
        Object tree = new ObjectMapper().readTree("{\"a\":[1,0.1,true,null,\"\u00e9\"]}");
        assertEquals("{\"from\":\"127.0.0.1:2\",\"value\":{\"a\":[1,0.1,true,null,\"\\u00e9\"]}}",
                JsonValues.record(from("127.0.0.1", 2), tree));
        assertEquals("{\"k\":2.5}", JsonValues.value(Map.of("k", 2.5)));
    }

    @Test
    void strictDialectWritesNonFiniteFloatsAsStringsAndEverythingElseAlike() throws Exception {
        List<Object> values = List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -0.0, 1e16, 2.5f, BigInteger.TWO.pow(64), "ab".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",-0.0,1e+16,2.5,18446744073709551616,\"ab\"]",
                JsonValues.array(values, JsonDialect.STRICT));
        assertEquals("[NaN,Infinity,-Infinity,-0.0,1e+16,2.5,18446744073709551616,\"ab\"]",
                JsonValues.array(values, JsonDialect.PYTHON));
        // A JSON tree holding NaN (as the json codec decodes one) and a nested value.
        ObjectMapper strictParser = new ObjectMapper();
        String record = JsonValues.record(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555),
                new ObjectMapper().createObjectNode().put("v", Double.NaN)
                        .set("in", new ObjectMapper().createArrayNode().add(Double.NEGATIVE_INFINITY)),
                JsonDialect.STRICT);
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"value\":{\"v\":\"NaN\",\"in\":[\"-Infinity\"]}}", record);
        assertEquals("NaN", strictParser.readTree(record).get("value").get("v").asText());
        assertEquals("\"Infinity\"", JsonValues.value(Double.POSITIVE_INFINITY, JsonDialect.STRICT));
    }
}
