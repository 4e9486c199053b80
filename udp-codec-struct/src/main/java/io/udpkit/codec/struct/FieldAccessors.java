package io.udpkit.codec.struct;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@link StructField} implementations, one small record per storage shape, and the factory
 * that picks one for a value of a {@link Layout}.
 *
 * <p>Why records: HotSpot trusts the final fields of records, so an accessor held in a
 * {@code static final} field has its offset and byte order folded into the caller's compiled
 * code. Why one class per shape rather than a switch on the code: a call site that always sees
 * one accessor class inlines it without a dispatch, even when the accessor is not a constant.
 */
final class FieldAccessors {

    private FieldAccessors() {
    }

    /** The accessor for value {@code index} of {@code layout}, whatever its code. */
    static StructField of(Layout layout, int index) {
        int run = layout.runOf(index);
        int offset = layout.offsetOf(run, index);
        char code = layout.code[run];
        boolean big = layout.bigEndian;
        // Values from this one to the end of its run; an s or p field is one value.
        int runLength = layout.repeat[run] - (index - layout.firstValue[run]);
        switch (layout.kind[run]) {
            case Layout.BOOL:
                return new BoolField(index, code, offset, runLength);
            case Layout.INT8:
            case Layout.UINT8:
                return new Int8Field(index, code, offset, runLength,
                        layout.kind[run] == Layout.UINT8, layout.rule[run].minimum(),
                        layout.rule[run].maximum(), layout.rule[run]);
            case Layout.INT16:
            case Layout.UINT16:
                return new Int16Field(index, code, offset, runLength, big,
                        layout.kind[run] == Layout.UINT16, layout.rule[run].minimum(),
                        layout.rule[run].maximum(), layout.rule[run]);
            case Layout.INT32:
            case Layout.UINT32:
                return new Int32Field(index, code, offset, runLength, big,
                        layout.kind[run] == Layout.UINT32, layout.rule[run].minimum(),
                        layout.rule[run].maximum(), layout.rule[run]);
            case Layout.INT64:
            case Layout.UINT64:
                return new Int64Field(index, code, offset, runLength, big);
            case Layout.HALF:
                return new HalfField(index, code, offset, runLength, big);
            case Layout.FLOAT:
                return new FloatField(index, code, offset, runLength, big, !layout.nativeFloatCast);
            case Layout.DOUBLE:
                return new DoubleField(index, code, offset, runLength, big);
            case Layout.CHAR:
                return new CharField(index, code, offset, runLength);
            case Layout.STRING:
                return new StringField(index, code, offset, runLength, layout.itemSize[run]);
            default:
                return new PascalField(index, code, offset, runLength, layout.itemSize[run]);
        }
    }

    /**
     * Refuses a value outside {@code [min, max]} with the error CPython gives {@code rule}'s code.
     * The bounds test is the whole fast path; the rule, with its per-code wording, runs only for
     * a value already known to be out of range.
     */
    private static void checkRange(long value, long min, long max, IntegerRule rule) {
        if (value < min || value > max) {
            rule.check(value);
            throw new IllegalStateException("range check passed a value outside the range: "
                    + value);
        }
    }

    /**
     * What a failed copy of a bytes value means: a destination too short for the value gets a
     * {@link StructException} naming both lengths; otherwise the buffer's own bounds failure
     * {@code cause} stands. The copies check the destination only by failing, because an
     * explicit length test before the copy measurably slows the common case (JMH, JDK 17).
     */
    private static RuntimeException checkedCopyFailure(StructField field, int length, byte[] dst,
            IndexOutOfBoundsException cause) {
        if (dst.length < length) {
            return StructException.shortDestination(field.index(), field.code(), length,
                    dst.length);
        }
        return cause;
    }

    /** {@code ?}: one byte, any non-zero byte reads as 1. */
    record BoolField(int index, char code, int offset, int runLength)
            implements StructField.OfLong {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public long get(ByteBuffer buf, int record) {
            return buf.get(record + offset) != 0 ? 1L : 0L;
        }

        @Override
        public void set(ByteBuffer buf, int record, long value) {
            buf.put(record + offset, value != 0 ? (byte) 1 : (byte) 0);
        }
    }

    /** {@code b B}: one byte, signed or unsigned. */
    record Int8Field(int index, char code, int offset, int runLength, boolean unsigned,
            long min, long max, IntegerRule rule) implements StructField.OfLong {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public long get(ByteBuffer buf, int record) {
            byte value = buf.get(record + offset);
            return unsigned ? value & 0xffL : value;
        }

        @Override
        public void set(ByteBuffer buf, int record, long value) {
            checkRange(value, min, max, rule);
            buf.put(record + offset, (byte) value);
        }
    }

    /** {@code h H}: two bytes, signed or unsigned. */
    record Int16Field(int index, char code, int offset, int runLength, boolean bigEndian,
            boolean unsigned, long min, long max, IntegerRule rule) implements StructField.OfLong {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public long get(ByteBuffer buf, int record) {
            short value = ByteAccess.getShort(buf, record + offset, bigEndian);
            return unsigned ? value & 0xffffL : value;
        }

        @Override
        public void set(ByteBuffer buf, int record, long value) {
            checkRange(value, min, max, rule);
            ByteAccess.putShort(buf, record + offset, (short) value, bigEndian);
        }
    }

    /** {@code i I l L} (and 4-byte standard {@code l L}): four bytes, signed or unsigned. */
    record Int32Field(int index, char code, int offset, int runLength, boolean bigEndian,
            boolean unsigned, long min, long max, IntegerRule rule) implements StructField.OfLong {
        @Override
        public int size() {
            return 4;
        }

        @Override
        public long get(ByteBuffer buf, int record) {
            int value = ByteAccess.getInt(buf, record + offset, bigEndian);
            return unsigned ? value & 0xffff_ffffL : value;
        }

        @Override
        public void set(ByteBuffer buf, int record, long value) {
            checkRange(value, min, max, rule);
            ByteAccess.putInt(buf, record + offset, (int) value, bigEndian);
        }
    }

    /** {@code q Q n N P} (and native {@code l L}): eight bytes; unsigned ones as raw bits. */
    record Int64Field(int index, char code, int offset, int runLength, boolean bigEndian)
            implements StructField.OfLong {
        @Override
        public int size() {
            return 8;
        }

        @Override
        public long get(ByteBuffer buf, int record) {
            return ByteAccess.getLong(buf, record + offset, bigEndian);
        }

        @Override
        public void set(ByteBuffer buf, int record, long value) {
            ByteAccess.putLong(buf, record + offset, value, bigEndian);
        }
    }

    /** {@code e}: IEEE 754 binary16. */
    record HalfField(int index, char code, int offset, int runLength, boolean bigEndian)
            implements StructField.OfDouble {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public double get(ByteBuffer buf, int record) {
            return FloatBits.fromHalf(ByteAccess.getShort(buf, record + offset, bigEndian));
        }

        @Override
        public void set(ByteBuffer buf, int record, double value) {
            ByteAccess.putShort(buf, record + offset, FloatBits.toHalf(value), bigEndian);
        }
    }

    /** {@code f}: IEEE 754 binary32; overflow is an error except for native {@code @f}. */
    record FloatField(int index, char code, int offset, int runLength, boolean bigEndian,
            boolean overflowIsError) implements StructField.OfDouble {
        @Override
        public int size() {
            return 4;
        }

        @Override
        public double get(ByteBuffer buf, int record) {
            return FloatBits.fromFloat(ByteAccess.getInt(buf, record + offset, bigEndian));
        }

        @Override
        public void set(ByteBuffer buf, int record, double value) {
            ByteAccess.putInt(buf, record + offset, FloatBits.toFloat(value, overflowIsError),
                    bigEndian);
        }
    }

    /** {@code d}: IEEE 754 binary64, bits kept as they are. */
    record DoubleField(int index, char code, int offset, int runLength, boolean bigEndian)
            implements StructField.OfDouble {
        @Override
        public int size() {
            return 8;
        }

        @Override
        public double get(ByteBuffer buf, int record) {
            return Double.longBitsToDouble(ByteAccess.getLong(buf, record + offset, bigEndian));
        }

        @Override
        public void set(ByteBuffer buf, int record, double value) {
            ByteAccess.putLong(buf, record + offset, Double.doubleToRawLongBits(value), bigEndian);
        }
    }

    /** {@code c}: exactly one byte. */
    record CharField(int index, char code, int offset, int runLength)
            implements StructField.OfBytes {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public int length(ByteBuffer buf, int record) {
            return 1;
        }

        @Override
        public int get(ByteBuffer buf, int record, byte[] dst) {
            byte value = buf.get(record + offset);
            if (dst.length < 1) {
                throw checkedCopyFailure(this, 1, dst, null);
            }
            dst[0] = value;
            return 1;
        }

        @Override
        public void set(ByteBuffer buf, int record, byte[] value) {
            if (value.length != 1) {
                throw new StructException("char format requires a bytes object of length 1");
            }
            buf.put(record + offset, value[0]);
        }
    }

    /** {@code Ns}: a field of exactly {@code count} bytes. */
    record StringField(int index, char code, int offset, int runLength, int count)
            implements StructField.OfBytes {
        @Override
        public int size() {
            return count;
        }

        @Override
        public int length(ByteBuffer buf, int record) {
            return count;
        }

        @Override
        public int get(ByteBuffer buf, int record, byte[] dst) {
            try {
                buf.get(record + offset, dst, 0, count);
            } catch (IndexOutOfBoundsException e) {
                throw checkedCopyFailure(this, count, dst, e);
            }
            return count;
        }

        @Override
        public void set(ByteBuffer buf, int record, byte[] value) {
            int at = record + offset;
            int n = Math.min(value.length, count);
            // Check the whole field first, so a short buffer fails before anything is written.
            Objects.checkFromIndexSize(at, count, buf.limit());
            buf.put(at, value, 0, n);
            ByteAccess.zero(buf, at + n, count - n);
        }
    }

    /** {@code Np}: a length byte, then up to {@code count - 1} bytes. */
    record PascalField(int index, char code, int offset, int runLength, int count)
            implements StructField.OfBytes {
        @Override
        public int size() {
            return count;
        }

        @Override
        public int length(ByteBuffer buf, int record) {
            // CPython's reading of the length byte, capped at count-1; 0p holds nothing.
            return count == 0 ? 0 : Math.min(buf.get(record + offset) & 0xff, count - 1);
        }

        @Override
        public int get(ByteBuffer buf, int record, byte[] dst) {
            int length = length(buf, record);
            if (length > 0) {
                try {
                    buf.get(record + offset + 1, dst, 0, length);
                } catch (IndexOutOfBoundsException e) {
                    throw checkedCopyFailure(this, length, dst, e);
                }
            }
            return length;
        }

        @Override
        public void set(ByteBuffer buf, int record, byte[] value) {
            if (count == 0) {
                // pack writes 0p's length byte where the next item then overwrites it; a lone
                // field write has no bytes of its own to touch.
                return;
            }
            int at = record + offset;
            Objects.checkFromIndexSize(at, count, buf.limit());
            int n = Math.min(value.length, count - 1);
            buf.put(at, (byte) Math.min(n, 255));
            buf.put(at + 1, value, 0, n);
            ByteAccess.zero(buf, at + 1 + n, count - 1 - n);
        }
    }
}
