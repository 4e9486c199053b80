package io.udpkit.codec.struct;

/**
 * A compiled format: the runs of items (one run = one format code with its repeat count, or one
 * {@code s}/{@code p} field) with their precomputed byte offsets. Immutable after construction;
 * built only by {@link FormatParser}.
 */
final class Layout {

    static final byte BOOL = 1;
    static final byte INT8 = 2;
    static final byte UINT8 = 3;
    static final byte INT16 = 4;
    static final byte UINT16 = 5;
    static final byte INT32 = 6;
    static final byte UINT32 = 7;
    static final byte INT64 = 8;
    static final byte UINT64 = 9;
    static final byte HALF = 10;
    static final byte FLOAT = 11;
    static final byte DOUBLE = 12;
    static final byte CHAR = 13;
    static final byte STRING = 14;
    static final byte PASCAL = 15;

    /**
     * The most values a format may hold. A datagram carries at most 65,507 bytes, so the codec
     * never meets more; the cap keeps one per-value table path instead of a second one for huge
     * formats.
     */
    static final int MAX_VALUES = 1 << 16;

    final String format;
    final boolean bigEndian;
    /** True for '@': native {@code f} is a plain C cast, without an overflow error. */
    final boolean nativeFloatCast;
    final int size;
    final int valueCount;
    final int runCount;
    final byte[] kind;
    final char[] code;
    final int[] offset;
    /** Bytes per value; for {@code s} and {@code p} the whole field (the repeat count). */
    final int[] itemSize;
    /** Values in the run: the repeat count, or 1 for {@code s} and {@code p}. */
    final int[] repeat;
    final int[] firstValue;
    final IntegerRule[] rule;
    private final int[] runOfValue;
    /**
     * Per value: its kind and its byte offset in the record, so a typed read is one index check,
     * two loads and one switch.
     */
    final byte[] valueKind;
    final int[] valueOffset;
    /** Per value: bytes per item; for {@code s} and {@code p} the field's count. */
    final int[] valueSize;

    Layout(String format, boolean bigEndian, boolean nativeFloatCast, int size, int runCount,
            byte[] kind, char[] code, int[] offset, int[] itemSize, int[] repeat,
            IntegerRule[] rule) {
        this.format = format;
        this.bigEndian = bigEndian;
        this.nativeFloatCast = nativeFloatCast;
        this.size = size;
        this.runCount = runCount;
        this.kind = kind;
        this.code = code;
        this.offset = offset;
        this.itemSize = itemSize;
        this.repeat = repeat;
        this.rule = rule;
        this.firstValue = new int[runCount];
        long total = 0;
        for (int run = 0; run < runCount; run++) {
            firstValue[run] = (int) Math.min(total, MAX_VALUES);
            total += repeat[run];
        }
        if (total > MAX_VALUES) {
            throw new StructException("format '" + format + "' has " + total + " values; at most "
                    + MAX_VALUES + " are supported");
        }
        int values = (int) total;
        this.valueCount = values;
        runOfValue = new int[values];
        valueKind = new byte[values];
        valueOffset = new int[values];
        valueSize = new int[values];
        for (int run = 0; run < runCount; run++) {
            for (int k = 0; k < repeat[run]; k++) {
                int value = firstValue[run] + k;
                runOfValue[value] = run;
                valueKind[value] = kind[run];
                valueOffset[value] = offset[run] + k * itemSize[run];
                valueSize[value] = itemSize[run];
            }
        }
    }

    /** The run holding value {@code index}; the caller has checked {@code 0 <= index < valueCount}. */
    int runOf(int index) {
        return runOfValue[index];
    }

    /** Byte offset of value {@code index} within its run {@code run}. */
    int offsetOf(int run, int index) {
        return offset[run] + (index - firstValue[run]) * itemSize[run];
    }
}
