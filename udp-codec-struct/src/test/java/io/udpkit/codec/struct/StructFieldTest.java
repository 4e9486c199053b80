package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-value accessors ({@link StructField}) read exactly what CPython packed and write exactly
 * what CPython packs, refuse what {@code pack} refuses with the same message, and fail on bounds
 * before writing anything.
 */
class StructFieldTest {

    @Test
    void accessorsReadEveryCpythonUnpackVector() {
        int checked = 0;
        for (JsonNode c : CpythonVectors.cases("unpack")) {
            if (c.has("error")) {
                continue;
            }
            Struct struct = Struct.compile(c.get("fmt").asText());
            ByteBuffer record = ByteBuffer.wrap(CpythonVectors.bytes(c.get("hex").asText()));
            Object[] expected = CpythonVectors.values(c.get("values"));
            for (int i = 0; i < expected.length; i++) {
                Object actual = readBoxed(struct.field(i), record, 0);
                String difference = CpythonVectors.difference(expected[i], actual);
                if (difference != null) {
                    fail(c.get("fmt").asText() + " value " + i + " of " + c.get("hex").asText()
                            + ": " + difference);
                }
                checked++;
                checkRunAccess(struct, i, record);
            }
        }
        assertTrue(checked > 10_000, "values checked: " + checked);
    }

    /** getAt(k) on value i's accessor reads what value i+k's own accessor reads. */
    private static void checkRunAccess(Struct struct, int i, ByteBuffer record) {
        StructField field = struct.field(i);
        for (int k = 0; k < field.runLength(); k++) {
            StructField other = struct.field(i + k);
            assertEquals(field.code(), other.code());
            assertEquals(field.offset() + k * field.size(), other.offset(), struct + " value " + i);
            if (field instanceof StructField.OfLong) {
                assertEquals(((StructField.OfLong) other).get(record, 0),
                        ((StructField.OfLong) field).getAt(record, 0, k), struct + " " + i + "+" + k);
            } else if (field instanceof StructField.OfDouble) {
                assertEquals(Double.doubleToRawLongBits(((StructField.OfDouble) other).get(record, 0)),
                        Double.doubleToRawLongBits(((StructField.OfDouble) field).getAt(record, 0, k)),
                        struct + " " + i + "+" + k);
            }
        }
    }

    @Test
    void runAccessorsReachEveryValueOfTheirRunAndNoFurther() {
        Struct struct = Struct.compile("< 3h 2d 4s 3c");
        StructField.OfLong shorts = struct.longField(0);
        StructField.OfDouble doubles = struct.doubleField(3);
        assertEquals(3, shorts.runLength());
        assertEquals(2, shorts.size());
        assertEquals(2, struct.field(1).runLength());
        assertEquals(2, doubles.runLength());
        assertEquals(8, doubles.size());
        assertEquals(1, struct.field(5).runLength());
        assertEquals(4, struct.field(5).size());
        assertEquals(3, struct.field(6).runLength());
        ByteBuffer record = ByteBuffer.allocate(struct.size());
        shorts.setAt(record, 0, 2, -5);
        doubles.setAt(record, 0, 1, 0.25);
        assertArrayEquals(struct.pack(0, 0, -5, 0.0, 0.25, new byte[4], new byte[] {0},
                new byte[] {0}, new byte[] {0}), record.array());
        assertEquals(-5, shorts.getAt(record, 0, 2));
        assertEquals(0.25, doubles.getAt(record, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> shorts.getAt(record, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> struct.longField(1).getAt(record, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> doubles.setAt(record, 0, -1, 1.0));
        assertEquals("short format requires -32768 <= number <= 32767",
                assertThrows(StructException.class, () -> shorts.setAt(record, 0, 1, 40_000))
                        .getMessage());
    }

    @Test
    void accessorsWriteEveryCpythonPackVectorIntoAZeroedRecord() {
        int records = 0;
        for (JsonNode c : CpythonVectors.cases("pack")) {
            String format = c.get("fmt").asText();
            // pack leaves 0p's length byte (0xff) for a later item to overwrite; a lone field
            // write has no byte of its own, so such formats can differ in a pad byte.
            if (c.has("error") || format.contains("0p")) {
                continue;
            }
            Struct struct = Struct.compile(format);
            Object[] args = CpythonVectors.values(c.get("args"));
            ByteBuffer record = ByteBuffer.allocate(struct.size());
            for (int i = 0; i < args.length; i++) {
                write(struct.field(i), record, 0, args[i]);
            }
            assertEquals(c.get("hex").asText(), CpythonVectors.hex(record.array()),
                    format + " " + c.get("args"));
            records++;
        }
        assertTrue(records > 5_000, "records written: " + records);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@", "=", "<", ">", "!"})
    void integerSetRefusesWhatPackRefusesWithTheSameMessage(String order) {
        for (char code : "bBhHiIlLqQnNP".toCharArray()) {
            String format = order + code;
            Struct struct;
            try {
                struct = Struct.compile(format);
            } catch (StructException nativeOnly) {
                continue;
            }
            StructField.OfLong field = struct.longField(0);
            boolean unsigned64 = struct.size() == 8 && Character.isUpperCase(code);
            for (long value : probes(struct.size())) {
                if (unsigned64) {
                    continue;
                }
                ByteBuffer record = ByteBuffer.allocate(struct.size());
                String packError = null;
                byte[] packed = null;
                try {
                    packed = struct.pack(value);
                } catch (StructException e) {
                    packError = e.getMessage();
                }
                try {
                    field.set(record, 0, value);
                    assertEquals(null, packError, format + " set " + value);
                    assertArrayEquals(packed, record.array(), format + " set " + value);
                    assertEquals(value, field.get(record, 0), format + " get after set");
                } catch (StructException e) {
                    assertEquals(packError, e.getMessage(), format + " set " + value);
                    assertArrayEquals(new byte[struct.size()], record.array(),
                            format + ": a refused value writes nothing");
                }
            }
        }
    }

    @Test
    void unsigned64SetTakesTheLongAsUnsignedBits() {
        Struct struct = Struct.compile("<Q");
        StructField.OfLong field = struct.longField(0);
        ByteBuffer record = ByteBuffer.allocate(8);
        field.set(record, 0, -1L);
        assertArrayEquals(struct.pack(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                record.array());
        assertEquals(-1L, field.get(record, 0));
    }

    @Test
    void boolSetStoresOneForAnyNonZero() {
        StructField.OfLong flag = Struct.compile("?").longField(0);
        ByteBuffer record = ByteBuffer.allocate(1);
        flag.set(record, 0, -7);
        assertEquals(1, record.get(0));
        flag.set(record, 0, 0);
        assertEquals(0, record.get(0));
        record.put(0, (byte) 0x40);
        assertEquals(1, flag.get(record, 0));
    }

    @Test
    void floatSetRefusesOverflowWithCpythonsMessage() {
        StructField.OfDouble f = Struct.compile("<f").doubleField(0);
        StructField.OfDouble e = Struct.compile("<e").doubleField(0);
        ByteBuffer record = ByteBuffer.allocate(4);
        assertEquals("float too large to pack with f format",
                assertThrows(StructException.class, () -> f.set(record, 0, 1e300)).getMessage());
        assertEquals("float too large to pack with e format",
                assertThrows(StructException.class, () -> e.set(record, 0, 65520.0)).getMessage());
        assertArrayEquals(new byte[4], record.array());
        StructField.OfDouble nativeF = Struct.compile("@f").doubleField(0);
        nativeF.set(record, 0, 1e300);
        assertEquals(Double.POSITIVE_INFINITY, nativeF.get(record, 0));
    }

    @Test
    void bytesSetPadsTruncatesAndChecksCharLength() {
        Struct struct = Struct.compile("4s 4p c");
        ByteBuffer record = ByteBuffer.allocate(struct.size());
        for (int i = 0; i < record.capacity(); i++) {
            record.put(i, (byte) 0xaa);
        }
        struct.bytesField(0).set(record, 0, new byte[] {'a'});
        struct.bytesField(1).set(record, 0, "abcdef".getBytes());
        struct.bytesField(2).set(record, 0, new byte[] {'z'});
        assertArrayEquals(struct.pack(new byte[] {'a'}, "abcdef".getBytes(), new byte[] {'z'}),
                record.array());
        byte[] dst = new byte[4];
        assertEquals(3, struct.bytesField(1).get(record, 0, dst));
        assertEquals("abc", new String(dst, 0, 3));
        assertEquals(3, struct.bytesField(1).length(record, 0));
        StructException charError = assertThrows(StructException.class,
                () -> struct.bytesField(2).set(record, 0, new byte[2]));
        assertEquals("char format requires a bytes object of length 1", charError.getMessage());
        StructException shortDst = assertThrows(StructException.class,
                () -> struct.bytesField(0).get(record, 0, new byte[3]));
        assertEquals("field 0 ('s') holds 4 bytes, destination has room for 3",
                shortDst.getMessage());
    }

    @Test
    void typedFactoriesNameIndexAndCodeOfAMismatch() {
        Struct seed = Struct.compile("! I 2s Q 2h f");
        assertEquals("field 1 has code 's': longField needs an integer code or ?",
                assertThrows(StructException.class, () -> seed.longField(1)).getMessage());
        assertEquals("field 0 has code 'I': doubleField needs one of e f d",
                assertThrows(StructException.class, () -> seed.doubleField(0)).getMessage());
        assertEquals("field 5 has code 'f': bytesField needs one of c s p",
                assertThrows(StructException.class, () -> seed.bytesField(5)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> seed.field(6));
        assertThrows(IndexOutOfBoundsException.class, () -> seed.longField(-1));
        StructField tag = seed.field(1);
        assertInstanceOf(StructField.OfBytes.class, tag);
        assertEquals('s', tag.code());
        assertEquals(4, tag.offset());
        assertEquals(1, tag.index());
        assertEquals(18, seed.field(5).offset());
    }

    @Test
    void accessOutsideTheLimitFailsAndWritesNothing() {
        Struct seed = Struct.compile("! I 2s Q 2h f");
        ByteBuffer buf = ByteBuffer.allocate(40).limit(22);
        assertThrows(IndexOutOfBoundsException.class, () -> seed.doubleField(5).get(buf, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> seed.longField(0).get(buf, -1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> seed.bytesField(1).set(buf, 17, new byte[] {'a', 'b'}));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Struct.compile("8s").bytesField(0).set(buf, 20, new byte[] {'a'}));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Struct.compile("8p").bytesField(0).set(buf, 20, new byte[] {'a'}));
        assertArrayEquals(new byte[40], buf.array(), "nothing written by failed accesses");
        assertEquals(0, seed.longField(0).get(buf, 18));
    }

    @Test
    void writesToAReadOnlyBufferAreRefused() {
        Struct seed = Struct.compile("! I 2s Q 2h f");
        ByteBuffer readOnly = ByteBuffer.allocate(22).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> seed.longField(0).set(readOnly, 0, 1));
        assertThrows(ReadOnlyBufferException.class,
                () -> seed.doubleField(5).set(readOnly, 0, 1.0));
        assertThrows(ReadOnlyBufferException.class,
                () -> seed.bytesField(1).set(readOnly, 0, new byte[2]));
        assertEquals(0, seed.longField(2).get(readOnly, 0));
    }

    @Test
    void accessorsIgnoreTheBuffersByteOrderAndPosition() {
        Struct seed = Struct.compile("! I 2s Q 2h f");
        byte[] packed = seed.pack(1, new byte[] {'a', 'b'}, 2, 3, 3, 2.5);
        ByteBuffer direct = ByteBuffer.allocateDirect(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        direct.put(8, packed).position(5);
        assertEquals(1, seed.longField(0).get(direct, 8));
        assertEquals(2, seed.longField(2).get(direct, 8));
        assertEquals(3, seed.longField(4).get(direct, 8));
        assertEquals(2.5, seed.doubleField(5).get(direct, 8));
        assertEquals(5, direct.position());
    }

    /** Values around the edges of every integer width. */
    private static List<Long> probes(int size) {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        for (int bits : new int[] {8, 16, 32}) {
            long signedMax = (1L << (bits - 1)) - 1;
            long unsignedMax = (1L << bits) - 1;
            values.addAll(List.of(signedMax, signedMax + 1, -signedMax - 1, -signedMax - 2,
                    unsignedMax, unsignedMax + 1));
        }
        return values;
    }

    /** The accessor's reading under the value mapping of {@code Struct.unpack}. */
    private static Object readBoxed(StructField field, ByteBuffer record, int at) {
        if (field instanceof StructField.OfLong) {
            long bits = ((StructField.OfLong) field).get(record, at);
            if (field.code() == '?') {
                return bits != 0;
            }
            boolean unsigned64 = Character.isUpperCase(field.code()) && bits < 0;
            return unsigned64 ? new BigInteger(Long.toUnsignedString(bits)) : (Object) bits;
        }
        if (field instanceof StructField.OfDouble) {
            return ((StructField.OfDouble) field).get(record, at);
        }
        StructField.OfBytes bytes = (StructField.OfBytes) field;
        byte[] dst = new byte[bytes.length(record, at)];
        assertEquals(dst.length, bytes.get(record, at, dst));
        return dst;
    }

    /** Writes a value of {@code Struct.pack}'s argument types through the accessor. */
    private static void write(StructField field, ByteBuffer record, int at, Object arg) {
        if (field instanceof StructField.OfLong) {
            long value;
            if (arg instanceof Boolean) {
                value = (Boolean) arg ? 1 : 0;
            } else if (field.code() == '?') {
                boolean truth = arg instanceof BigInteger ? ((BigInteger) arg).signum() != 0
                        : ((Number) arg).doubleValue() != 0;
                value = truth ? 1 : 0;
            } else {
                value = ((Number) arg).longValue();
            }
            ((StructField.OfLong) field).set(record, at, value);
        } else if (field instanceof StructField.OfDouble) {
            double value = arg instanceof Boolean ? ((Boolean) arg ? 1 : 0)
                    : ((Number) arg).doubleValue();
            ((StructField.OfDouble) field).set(record, at, value);
        } else {
            ((StructField.OfBytes) field).set(record, at, (byte[]) arg);
        }
    }
}
