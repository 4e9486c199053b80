package io.udpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonReprTest {

    @Test
    void oneElementTupleHasTrailingComma() {
        assertEquals("(5,)", PythonRepr.tuple(List.of(5L)));
        assertEquals("()", PythonRepr.tuple(List.of()));
    }

    @Test
    void floatsUsePythonsShortestRepr() {
        assertEquals("2.5", PythonRepr.floatRepr(2.5));
        assertEquals("100.0", PythonRepr.floatRepr(100.0));
        assertEquals("1e+16", PythonRepr.floatRepr(1e16));
        assertEquals("1000000000000000.0", PythonRepr.floatRepr(1e15));
        assertEquals("1e-05", PythonRepr.floatRepr(1e-5));
        assertEquals("0.0001", PythonRepr.floatRepr(1e-4));
        assertEquals("-0.0", PythonRepr.floatRepr(-0.0));
        assertEquals("inf", PythonRepr.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonRepr.floatRepr(Double.NEGATIVE_INFINITY));
        assertEquals("nan", PythonRepr.floatRepr(Double.NaN));
        assertEquals("0.10000000149011612", PythonRepr.floatRepr(0.1f));
        // JDK 17's Double.toString prints these two as 9.999999999999999E22 and 4.9E-324.
        assertEquals("1e+23", PythonRepr.floatRepr(1e23));
        assertEquals("5e-324", PythonRepr.floatRepr(Double.MIN_VALUE));
    }

    @Test
    void bytesChooseQuotesAndEscapeAsPythonDoes() {
        assertEquals("b'ab'", PythonRepr.bytes(new byte[] {'a', 'b'}));
        assertEquals("b\"it's\"", PythonRepr.bytes("it's".getBytes()));
        assertEquals("b'\\'\"'", PythonRepr.bytes("'\"".getBytes()));
        assertEquals("b'\\x00\\t\\n\\r\\x7f\\xff\\\\'",
                PythonRepr.bytes(new byte[] {0, 9, 10, 13, 0x7f, (byte) 0xff, '\\'}));
    }

    @Test
    void byteBufferPrintsPositionToLimitWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {'x', 'a', 'b', 'y'}, 1, 2);
        assertEquals("b'ab'", PythonRepr.of(buffer));
        assertEquals(1, buffer.position());
        assertEquals(3, buffer.limit());
    }

    @Test
    void scalarsPrintAsPython() {
        assertEquals("(True, False, None, 18446744073709551615, 'data')", PythonRepr.tuple(
                java.util.Arrays.asList(true, false, null, new BigInteger("18446744073709551615"),
                        "data")));
    }
}
