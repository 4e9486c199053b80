package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed, allocation-free getters of {@link StructReader} agree with the boxed values. */
class StructReaderTest {

    private static final Struct ALL =
            Struct.compile("@?bBhHiIlLqQnNPefdc3s5p");

    private static Object[] sampleValues() {
        return new Object[] {true, -128, 255, -32768, 65535, -2147483648, 4294967295L,
            Long.MIN_VALUE, new BigInteger("18446744073709551615"), -1L,
            new BigInteger("9223372036854775808"), 7L, 8L, 9L, 0.5, 1.0 / 3, Math.PI,
            new byte[] {'z'}, new byte[] {1, 2, 3}, new byte[] {4, 5}};
    }

    @Test
    void typedGettersMatchBoxedValuesForEveryCode() {
        byte[] packed = ALL.pack(sampleValues());
        StructReader r = ALL.reader().wrap(ByteBuffer.wrap(packed), 0);
        List<Object> boxed = ALL.unpack(packed);
        assertEquals(boxed.size(), r.size());
        byte[] dst = new byte[8];
        for (int i = 0; i < r.size(); i++) {
            char code = r.code(i);
            Object expected = boxed.get(i);
            assertEquals(null, CpythonVectors.difference(expected, r.get(i)), "boxed " + i);
            if ("efd".indexOf(code) >= 0) {
                assertEquals(Double.doubleToRawLongBits((Double) expected),
                        Double.doubleToRawLongBits(r.getDouble(i)));
            } else if ("csp".indexOf(code) >= 0) {
                int n = r.getBytes(i, dst);
                assertEquals(r.bytesLength(i), n);
                assertArrayEquals((byte[]) expected, java.util.Arrays.copyOf(dst, n));
            } else if (code == '?') {
                assertEquals(expected, r.getBoolean(i));
                assertEquals(1L, r.getLong(i));
            } else if (expected instanceof BigInteger) {
                assertEquals(((BigInteger) expected).longValue(), r.getLong(i),
                        "two's-complement bits of " + expected);
            } else {
                assertEquals(expected, r.getLong(i));
            }
        }
        assertEquals("18446744073709551615", Long.toUnsignedString(r.getLong(8)));
    }

    @Test
    void wrongTypeAccessNamesFieldIndexAndCode() {
        Struct s = Struct.compile(">I d ? 2s");
        StructReader r = s.reader().wrap(ByteBuffer.wrap(s.pack(1, 2.0, true, new byte[2])), 0);
        assertEquals("field 0 has code 'I': getDouble needs one of e f d",
                assertThrows(StructException.class, () -> r.getDouble(0)).getMessage());
        assertEquals("field 1 has code 'd': getLong needs an integer code or ?",
                assertThrows(StructException.class, () -> r.getLong(1)).getMessage());
        assertEquals("field 0 has code 'I': getBoolean needs ?",
                assertThrows(StructException.class, () -> r.getBoolean(0)).getMessage());
        assertEquals("field 2 has code '?': getBytes needs one of c s p",
                assertThrows(StructException.class, () -> r.getBytes(2, new byte[4]))
                        .getMessage());
        assertEquals("field 3 ('s') holds 2 bytes, destination has room for 1",
                assertThrows(StructException.class, () -> r.getBytes(3, new byte[1]))
                        .getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.getLong(4));
        assertThrows(IndexOutOfBoundsException.class, () -> r.code(-1));
    }

    @Test
    void wrapChecksBoundsAndReportsOffsetLengthAndCapacity() {
        Struct s = Struct.compile("<q");
        StructReader r = s.reader();
        assertThrows(IllegalStateException.class, () -> r.getLong(0));
        ByteBuffer buf = ByteBuffer.allocate(16).limit(12);
        IndexOutOfBoundsException e =
                assertThrows(IndexOutOfBoundsException.class, () -> r.wrap(buf, 5));
        assertEquals("struct record out of bounds: offset=5 length=8 limit=12 capacity=16",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.wrap(buf, -1));
        assertSame(r, r.wrap(buf, 4));
    }

    @Test
    void readerIsALiveReusableViewAndCopyIsDetached() {
        Struct s = Struct.compile("<hh");
        ByteBuffer buf = ByteBuffer.wrap(s.pack(1, 2));
        StructReader r = s.reader().wrap(buf, 0);
        StructReader copy = r.copy();
        buf.put(0, (byte) 5);
        assertEquals(5L, r.getLong(0));
        assertEquals(1L, copy.getLong(0));
        assertEquals(List.of(1L, 2L), copy.toList());
        assertSame(s, r.struct());
        ByteBuffer two = ByteBuffer.wrap(new byte[] {0, 0, 3, 0, 4, 0});
        assertEquals(List.of(3L, 4L), r.wrap(two, 2).toList());
        assertEquals(2, r.size());
    }

    @Test
    void toListCopiesTheRecordOutAsUnpackBoxesIt() {
        Struct s = Struct.compile("! I 2s Q 2h f");
        byte[] bytes = s.pack(1, "ab".getBytes(StandardCharsets.US_ASCII), 2, 3, 3, 2.5);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<Object> values = s.reader().wrap(buf, 0).toList();
        buf.put(3, (byte) 9);
        assertEquals(1L, values.get(0), "the list does not see later changes to the buffer");
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), (byte[]) values.get(1));
        assertEquals(List.of(2L, 3L, 3L, 2.5), values.subList(2, 6));
    }

    @Test
    void toStringIsThePythonReprOfTheTuple() {
        Struct s = Struct.compile("! I 2s Q 2h f");
        StructReader r = s.record(1, "ab".getBytes(StandardCharsets.US_ASCII), 2, 3, 3, 2.5);
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)", r.toString());
        assertEquals("(5,)", Struct.compile("<b").record(5).toString());
        assertEquals("()", Struct.compile("<4x").record().toString());
        assertEquals("(True, 1e+16, nan, b\"it's\", b'\\x00\\n', 18446744073709551615)",
                Struct.compile("<?dd4s2sQ").record(true, 1e16, Double.NaN,
                        "it's".getBytes(StandardCharsets.US_ASCII), new byte[] {0, '\n'},
                        new BigInteger("18446744073709551615")).toString());
        assertEquals("StructReader('<hh', unwrapped)", Struct.compile("<hh").reader().toString());
    }

    @Test
    void equalityIsIdentityNotListEquality() {
        Struct s = Struct.compile("<hh");
        StructReader a = s.record(1, 2);
        StructReader b = s.record(1, 2);
        assertNotEquals(a, b, "two readers are two views, even over equal bytes");
        assertEquals(a, a);
        assertFalse(List.class.isAssignableFrom(StructReader.class), "a flyweight, not a List");
        assertEquals(a.toList(), b.toList());
    }

    @Test
    void aFormatOfMoreThan65536ValuesIsRefused() {
        assertEquals(65_536, Struct.compile("65536?").valueCount());
        StructException e = assertThrows(StructException.class, () -> Struct.compile("65537?"));
        assertEquals("format '65537?' has 65537 values; at most 65536 are supported", e.getMessage());
        e = assertThrows(StructException.class, () -> Struct.compile("65536?0s"));
        assertEquals("format '65536?0s' has 65537 values; at most 65536 are supported", e.getMessage());
    }

    @Test
    void pascalLengthIsCappedAtCountMinusOne() {
        Struct s = Struct.compile("4p");
        StructReader r = s.reader().wrap(ByteBuffer.wrap(new byte[] {(byte) 200, 'a', 'b', 'c'}), 0);
        assertEquals(3, r.bytesLength(0));
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, (byte[]) r.get(0));
        StructReader zero = Struct.compile("0p").reader().wrap(ByteBuffer.allocate(0), 0);
        assertEquals(0, zero.bytesLength(0));
        assertArrayEquals(new byte[0], (byte[]) zero.get(0));
    }
}
