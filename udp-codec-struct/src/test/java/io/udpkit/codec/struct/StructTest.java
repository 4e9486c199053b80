package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link Struct} beyond the CPython vectors: our additions and Java specifics. */
class StructTest {

    @Test
    void badCharMessageNamesTheCharacterAndItsIndex() {
        StructException e = assertThrows(StructException.class, () -> Struct.compile("<hhy"));
        assertEquals("bad char in struct format: 'y' at index 3", e.getMessage());
        e = assertThrows(StructException.class, () -> Struct.compile("2 h"));
        assertEquals("bad char in struct format: ' ' at index 1", e.getMessage());
        e = assertThrows(StructException.class, () -> Struct.compile(" <h"));
        assertEquals("bad char in struct format: '<' at index 1", e.getMessage());
        e = assertThrows(StructException.class, () -> Struct.compile(">n"));
        assertEquals("bad char in struct format: 'n' at index 1", e.getMessage());
        e = assertThrows(StructException.class, () -> Struct.compile("b\u00e9"));
        assertEquals("bad char in struct format: '\\u00e9' at index 1", e.getMessage());
    }

    @Test
    void hugeFormatsAreRefusedCleanlyWithoutAllocating() {
        // Within the cap: compiles (as CPython's calcsize) without allocating the struct.
        assertEquals(2_000_000_000, Struct.compile("2000000000x").size());
        assertEquals(FormatParser.MAX_SIZE, Struct.calcsize(FormatParser.MAX_SIZE + "x"));
        for (String fmt : new String[] {"2147483640x", "3000000000x", "1073741824i",
                "9223372036854775807x", "99999999999999999999999x", "2000000000x200000000x2h",
                "536870912q", "@b268435455q"}) {
            StructException e = assertThrows(StructException.class, () -> Struct.compile(fmt),
                    fmt);
            assertEquals("total struct size too long", e.getMessage(), fmt);
        }
        // Over the 65,536-value cap: refused before any per-value table is allocated.
        StructException e = assertThrows(StructException.class, () -> Struct.compile("1000000000b"));
        assertEquals("format '1000000000b' has 1000000000 values; at most 65536 are supported",
                e.getMessage());
    }

    @Test
    void aFormatAtTheValueCapReadsEveryValueByIndex() {
        Struct s = Struct.compile(">65534B2sH");
        byte[] data = new byte[s.size()];
        for (int i = 0; i < 65534; i++) {
            data[i] = (byte) i;
        }
        data[65534] = 'o';
        data[65535] = 'k';
        data[65537] = 9;
        StructReader r = s.reader().wrap(ByteBuffer.wrap(data), 0);
        assertEquals(65536, r.size());
        assertEquals(65533 & 0xff, r.getLong(65533));
        assertEquals('s', r.code(65534));
        assertArrayEquals("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                (byte[]) r.get(65534));
        assertEquals(9L, r.getLong(65535));
    }

    @Test
    void whitespaceSeparatesItemsButNotCountAndCode() {
        assertEquals(Struct.calcsize("<hiq"), Struct.calcsize("<\th i\r\nq \u000b\f"));
        assertThrows(StructException.class, () -> Struct.compile("<2 h"));
        StructException e = assertThrows(StructException.class, () -> Struct.compile("h 3"));
        assertEquals("repeat count given without format specifier", e.getMessage());
    }

    @Test
    void nativeAlignmentPadsItemsButNotTheEnd() {
        assertEquals(16, Struct.calcsize("@bq"));
        assertEquals(9, Struct.calcsize("@qb"));
        assertEquals(8, Struct.calcsize("@q0x"));
        assertEquals(24, Struct.calcsize("@llh0l"));
        assertEquals(9, Struct.calcsize("=bq0l"));
        assertEquals("0100000000000000" + "0200000000000000",
                CpythonVectors.hex(Struct.pack("@bq", 1, 2)));
    }

    @Test
    void byteBufferOrderNeverChangesTheFormatsByteOrder() {
        Struct big = Struct.compile(">I");
        ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        big.packInto(buf, 2, 0x01020304L);
        assertEquals("0000010203040000", CpythonVectors.hex(buf.array()));
        assertEquals(List.of(0x01020304L), big.unpackFrom(buf, 2));
        ByteBuffer direct = ByteBuffer.allocateDirect(8).order(ByteOrder.BIG_ENDIAN);
        Struct little = Struct.compile("<I");
        little.packInto(direct, 0, 0x01020304L);
        assertEquals(0x04, direct.get(0));
        assertEquals(List.of(0x01020304L), little.unpackFrom(direct, 0));
    }

    @Test
    void buffersKeepTheirPositionAndLimit() {
        Struct s = Struct.compile("<H");
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 1, 2, 9});
        buf.position(1).limit(3);
        assertEquals(List.of(0x0201L), s.unpack(buf));
        assertEquals(1, buf.position());
        assertEquals(3, buf.limit());
        Iterator<List<Object>> it = s.iterUnpack(buf);
        assertEquals(List.of(0x0201L), it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(1, buf.position());
    }

    @Test
    void unpackFromUsesTheLimitAsBufferSize() {
        Struct s = Struct.compile("<H");
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        buf.limit(3);
        assertEquals(List.of(0x0302L), s.unpackFrom(buf, -2));
        StructException e = assertThrows(StructException.class, () -> s.unpackFrom(buf, 2));
        assertEquals("unpack_from requires a buffer of at least 4 bytes for unpacking 2 bytes at "
                + "offset 2 (actual buffer size is 3)", e.getMessage());
    }

    @Test
    void packIntoLeavesTheBufferUnchangedWhenAValueIsBad() {
        Struct s = Struct.compile(">HbH");
        byte[] bytes = new byte[8];
        Arrays.fill(bytes, (byte) 0x55);
        StructException e = assertThrows(StructException.class,
                () -> s.packInto(ByteBuffer.wrap(bytes), 1, 1, 2, 70000));
        assertEquals("'H' format requires 0 <= number <= 65535", e.getMessage());
        byte[] untouched = new byte[8];
        Arrays.fill(untouched, (byte) 0x55);
        assertArrayEquals(untouched, bytes);
        assertThrows(ReadOnlyBufferException.class,
                () -> s.packInto(ByteBuffer.allocate(8).asReadOnlyBuffer(), 0, 1, 2, 3));
    }

    @Test
    void packIntoZeroFillsPaddingAndStringTails() {
        byte[] bytes = new byte[10];
        Arrays.fill(bytes, (byte) 0x55);
        Struct.compile("<bx4s").packInto(ByteBuffer.wrap(bytes), 1, 7, new byte[] {1});
        assertEquals("55" + "07" + "00" + "01000000" + "555555", CpythonVectors.hex(bytes));
    }

    @Test
    void packAcceptsEveryIntegralNumberTypeAndBoolean() {
        Struct s = Struct.compile("<bhiqQQ?");
        byte[] packed = s.pack((byte) -1, (short) -2, new AtomicLong(-3), BigInteger.valueOf(-4),
                new BigInteger("18446744073709551615"), Boolean.TRUE, 0.5);
        List<Object> values = s.unpack(packed);
        assertEquals(List.of(-1L, -2L, -3L, -4L), values.subList(0, 4));
        assertEquals(new BigInteger("18446744073709551615"), values.get(4));
        assertEquals(1L, values.get(5));
        assertEquals(Boolean.TRUE, values.get(6));
        StructException e = assertThrows(StructException.class,
                () -> Struct.pack("<b", 1.0));
        assertEquals("required argument is not an integer", e.getMessage());
        e = assertThrows(StructException.class, () -> Struct.pack("?", "yes"));
        assertEquals("'?' format requires a Boolean or a Number", e.getMessage());
    }

    @Test
    void sixtyFourBitMessagesDifferByByteOrderAsInCpython() {
        assertEquals("int too large to convert",
                assertThrows(StructException.class, () -> Struct.pack(">Q", -1)).getMessage());
        assertEquals("argument out of range",
                assertThrows(StructException.class, () -> Struct.pack("<Q", -1)).getMessage());
        assertEquals("argument out of range",
                assertThrows(StructException.class, () -> Struct.pack("@Q", -1)).getMessage());
    }

    @Test
    void staticShortcutsAgreeWithCompiledStructs() {
        Struct s = Struct.compile("!hd");
        assertArrayEquals(s.pack(-5, 0.25), Struct.pack("!hd", -5, 0.25));
        assertEquals(s.unpack(s.pack(-5, 0.25)), Struct.unpack("!hd", s.pack(-5, 0.25)));
        assertEquals(10, Struct.calcsize("!hd"));
        assertEquals("!hd", s.format());
        assertEquals("Struct('!hd')", s.toString());
        assertThrows(NullPointerException.class, () -> Struct.compile(null));
    }

    @Test
    void unpackedListsAreIndependentOfTheBuffer() {
        byte[] data = Struct.pack("<3s", new byte[] {1, 2, 3});
        List<Object> values = Struct.unpack("<3s", data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) values.get(0));
        assertTrue(values instanceof java.util.ArrayList);
    }

    @Test
    void floatOverflowIsAnOverflowKindAndEveryOtherFailureAStructError() {
        StructException f = assertThrows(StructException.class, () -> Struct.pack(">f", 1e39));
        assertEquals(StructException.Kind.OVERFLOW, f.kind());
        assertEquals("OverflowError", f.kind().pythonName());
        assertEquals("float too large to pack with f format", f.getMessage());
        StructException e = assertThrows(StructException.class, () -> Struct.pack("<e", 65520.0));
        assertEquals(StructException.Kind.OVERFLOW, e.kind());
        StructException accessor = assertThrows(StructException.class,
                () -> Struct.compile("<e").doubleField(0).set(ByteBuffer.allocate(2), 0, 1e300));
        assertEquals(StructException.Kind.OVERFLOW, accessor.kind());
        // CPython: an int too large for the float field is struct.error, not OverflowError.
        StructException integral = assertThrows(StructException.class,
                () -> Struct.pack(">f", BigInteger.TEN.pow(39)));
        assertEquals("int too large to convert", integral.getMessage());
        assertEquals(StructException.Kind.ERROR, integral.kind());
        StructException range = assertThrows(StructException.class, () -> Struct.pack("<h", 70000));
        assertEquals(StructException.Kind.ERROR, range.kind());
        assertEquals("struct.error", range.kind().pythonName());
    }

    @Test
    void offsetsBeyondIntRangeGetCpythonsMessageWordedFromSysMaxsize() {
        Struct s = Struct.compile("<I");
        ByteBuffer buf = ByteBuffer.allocate(10);
        StructException pack = assertThrows(StructException.class,
                () -> s.packInto(buf, Long.MAX_VALUE, 1));
        assertEquals("pack_into requires a buffer of at least 9223372036854775811 bytes for "
                + "packing 4 bytes at offset 9223372036854775807 (actual buffer size is 10)",
                pack.getMessage());
        StructException unpack = assertThrows(StructException.class,
                () -> s.unpackFrom(buf, Long.MAX_VALUE));
        assertEquals("unpack_from requires a buffer of at least 9223372036854775811 bytes for "
                + "unpacking 4 bytes at offset 9223372036854775807 (actual buffer size is 10)",
                unpack.getMessage());
        assertEquals("unpack_from requires a buffer of at least 4294967300 bytes for unpacking 4 "
                + "bytes at offset 4294967296 (actual buffer size is 10)",
                assertThrows(StructException.class, () -> s.unpackFrom(buf, 1L << 32))
                        .getMessage());
        assertEquals("offset -9223372036854775808 out of range for 10-byte buffer",
                assertThrows(StructException.class, () -> s.unpackFrom(buf, Long.MIN_VALUE))
                        .getMessage());
        assertArrayEquals(new byte[10], buf.array());
    }

    @Test
    void iterUnpackReportsTheRecordsRemaining() {
        Struct s = Struct.compile(">IB");
        byte[] data = new byte[15];
        Struct.UnpackIterator it = s.iterUnpack(ByteBuffer.wrap(data));
        for (int left = 3; left > 0; left--) {
            assertEquals(left, it.remaining());
            it.next();
        }
        assertEquals(0, it.remaining());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(0, it.remaining());
        assertEquals(0, s.iterUnpack(ByteBuffer.allocate(0)).remaining());
    }
}
