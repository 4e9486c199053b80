package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random formats and values (fixed seed, bounded count and time): unpack(pack(v)) == v, and
 * packInto/unpackFrom/iterUnpack/StructReader agree with pack/unpack.
 */
class RoundTripPropertyTest {

    private static final long SEED = 0x5eed_2026L;
    private static final int FORMATS = 400;
    private static final long TIME_LIMIT_NANOS = 20_000_000_000L;

    @Test
    void unpackInvertsPackForRandomFormatsAndValues() {
        Random rnd = new Random(SEED);
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        int checked = 0;
        for (int n = 0; n < FORMATS && System.nanoTime() < deadline; n++) {
            String order = String.valueOf("@=<>!".charAt(rnd.nextInt(5)));
            String codes = "xcbB?hHiIlLqQefdsp" + (order.equals("@") ? "nNP" : "");
            StringBuilder fmt = new StringBuilder(order);
            List<Object> values = new ArrayList<>();
            int items = 1 + rnd.nextInt(6);
            for (int i = 0; i < items; i++) {
                char code = codes.charAt(rnd.nextInt(codes.length()));
                int count = rnd.nextInt(4);
                fmt.append(rnd.nextBoolean() ? " " : "").append(count).append(code);
                if (code == 's' || code == 'p') {
                    int max = code == 'p' ? Math.max(0, count - 1) : count;
                    byte[] bytes = new byte[max == 0 ? 0 : rnd.nextInt(max + 1)];
                    rnd.nextBytes(bytes);
                    values.add(code == 's' ? java.util.Arrays.copyOf(bytes, count) : bytes);
                } else if (code != 'x') {
                    for (int k = 0; k < count; k++) {
                        values.add(randomValue(rnd, order.charAt(0), code));
                    }
                }
            }
            Struct s = Struct.compile(fmt.toString());
            byte[] packed = s.pack(values.toArray());
            assertEquals(s.size(), packed.length);
            List<Object> unpacked = s.unpack(packed);
            assertSameValues(fmt.toString(), values, unpacked);

            int offset = rnd.nextInt(5);
            ByteBuffer buf = ByteBuffer.allocate(offset + s.size() + 3);
            s.packInto(buf, offset, values.toArray());
            byte[] region = new byte[s.size()];
            buf.get(offset, region);
            assertArrayEquals(packed, region, fmt.toString());
            assertSameValues(fmt.toString(), values, s.unpackFrom(buf, offset));
            assertSameValues(fmt.toString(), values, s.reader().wrap(buf, offset).toList());
            if (s.size() > 0) {
                ByteBuffer twice = ByteBuffer.allocate(2 * s.size());
                twice.put(packed).put(packed).flip();
                Iterator<List<Object>> it = s.iterUnpack(twice);
                assertSameValues(fmt.toString(), values, it.next());
                assertSameValues(fmt.toString(), values, it.next());
                assertTrue(!it.hasNext());
            }
            checked++;
        }
        assertTrue(checked >= 50, "only " + checked + " formats checked in the time limit");
    }

    private static void assertSameValues(String fmt, List<Object> expected, List<Object> actual) {
        assertEquals(expected.size(), actual.size(), fmt);
        for (int i = 0; i < expected.size(); i++) {
            assertNull(CpythonVectors.difference(expected.get(i), actual.get(i)),
                    fmt + " value " + i);
        }
    }

    /** A value that packs and unpacks unchanged (floats exactly representable in the code). */
    private static Object randomValue(Random rnd, char order, char code) {
        switch (code) {
            case 'c':
                return new byte[] {(byte) rnd.nextInt(256)};
            case '?':
                return rnd.nextBoolean();
            case 'e':
                return FloatBits.fromHalf((short) rnd.nextInt(0x7c00));
            case 'f':
                return (double) Float.intBitsToFloat(rnd.nextInt(0x7f80_0000));
            case 'd':
                return rnd.nextBoolean() ? rnd.nextGaussian() * 1e10
                        : Double.longBitsToDouble(rnd.nextLong() & 0x7fef_ffff_ffff_ffffL);
            default:
                return randomInteger(rnd, order, code);
        }
    }

    private static Object randomInteger(Random rnd, char order, char code) {
        int size = Struct.calcsize(order + String.valueOf(code));
        boolean unsigned = Character.isUpperCase(code);
        long bits = rnd.nextLong();
        if (size < 8) {
            bits >>= 64 - 8 * size;
            if (unsigned) {
                bits &= (1L << (8 * size)) - 1;
            }
            return bits;
        }
        if (unsigned && bits < 0) {
            return new BigInteger(Long.toUnsignedString(bits));
        }
        return bits;
    }
}
