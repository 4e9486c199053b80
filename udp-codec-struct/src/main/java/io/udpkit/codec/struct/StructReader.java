package io.udpkit.codec.struct;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reusable view of one record of a {@link Struct} inside a {@link ByteBuffer}: the
 * allocation-free fast path. Re-point it with {@link #wrap(ByteBuffer, int)} per record and read
 * values by index with the typed getters {@link #getLong(int)}, {@link #getDouble(int)},
 * {@link #getBoolean(int)} and {@link #getBytes(int, byte[])}, which neither box nor allocate.
 *
 * <p>A flyweight, not a collection: {@link #get(int)} boxes one value, {@link #toList()} copies
 * the record out as the boxed values of {@link Struct#unpack(byte[])}, and {@link #toString()}
 * prints it as CPython prints that tuple, {@code (1, b'ab', 2.5)}. {@code equals} and
 * {@code hashCode} are identity: compare records with {@code toList()} or by their bytes.
 *
 * <p>Reads are absolute and use the format's byte order, never the buffer's. The view reads the
 * buffer live: it sees later changes to the bytes, and is valid only while the caller keeps the
 * buffer's content; use {@link #copy()} to keep a record. Not thread-safe: one reader per thread.
 */
public final class StructReader {

    private final Struct struct;
    private final Layout layout;
    /** The layout's per-value tables. */
    private final byte[] valueKind;
    private final int[] valueOffset;
    private final boolean bigEndian;
    private ByteBuffer buffer;
    private int base;

    StructReader(Struct struct) {
        this.struct = struct;
        this.layout = struct.layout();
        this.valueKind = layout.valueKind;
        this.valueOffset = layout.valueOffset;
        this.bigEndian = layout.bigEndian;
    }

    /**
     * Points this view at the record starting at absolute index {@code offset} of {@code buf}.
     *
     * @param buf the buffer holding the record (read up to its limit)
     * @param offset absolute index of the record's first byte
     * @return this reader
     * @throws IndexOutOfBoundsException if the record does not lie within 0 and the limit; the
     *     message gives offset, length, limit and capacity
     */
    public StructReader wrap(ByteBuffer buf, int offset) {
        int length = layout.size;
        if (offset < 0 || offset > buf.limit() - length) {
            throw new IndexOutOfBoundsException("struct record out of bounds: offset=" + offset
                    + " length=" + length + " limit=" + buf.limit()
                    + " capacity=" + buf.capacity());
        }
        this.buffer = buf;
        this.base = offset;
        return this;
    }

    /**
     * The struct whose records this reader views.
     *
     * @return the struct
     */
    public Struct struct() {
        return struct;
    }

    /**
     * The number of values in a record.
     *
     * @return the struct's value count
     */
    public int size() {
        return layout.valueCount;
    }

    /**
     * The format code of value {@code index}, e.g. {@code 'I'} or {@code 's'}.
     *
     * @param index value index, 0-based
     * @return the code character
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     */
    public char code(int index) {
        Objects.checkIndex(index, layout.valueCount);
        return layout.code[layout.runOf(index)];
    }

    /**
     * Value {@code index} of an integer code ({@code b B h H i I l L q Q n N P}) or of
     * {@code ?} (1 or 0), without boxing. An unsigned 64-bit value above {@link Long#MAX_VALUE}
     * is returned as its two's-complement bits (a negative long); use
     * {@link Long#toUnsignedString(long)} or {@link #get(int)} for its magnitude.
     *
     * @param index value index, 0-based
     * @return the value
     * @throws StructException if the value has another code (the message names index and code)
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public long getLong(int index) {
        byte kind = valueKind[Objects.checkIndex(index, valueKind.length)];
        if (kind > Layout.UINT64) {
            throw wrongType(index, layout.runOf(index), "getLong", "an integer code or ?");
        }
        return ItemCodec.readLong(kind, wrapped(), base + valueOffset[index], bigEndian);
    }

    /**
     * Value {@code index} of a float code ({@code e f d}), without boxing.
     *
     * @param index value index, 0-based
     * @return the value, widened exactly to double
     * @throws StructException if the value has another code (the message names index and code)
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public double getDouble(int index) {
        byte kind = valueKind[Objects.checkIndex(index, valueKind.length)];
        if (kind < Layout.HALF || kind > Layout.DOUBLE) {
            throw wrongType(index, layout.runOf(index), "getDouble", "one of e f d");
        }
        return ItemCodec.readDouble(kind, wrapped(), base + valueOffset[index], bigEndian);
    }

    /**
     * Value {@code index} of code {@code ?}: true for any non-zero byte.
     *
     * @param index value index, 0-based
     * @return the value
     * @throws StructException if the value has another code (the message names index and code)
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public boolean getBoolean(int index) {
        int run = runFor(index);
        if (layout.kind[run] != Layout.BOOL) {
            throw wrongType(index, run, "getBoolean", "?");
        }
        return buffer.get(base + layout.offsetOf(run, index)) != 0;
    }

    /**
     * Copies the bytes of value {@code index} (code {@code c s p}) into {@code dst} from index 0.
     *
     * @param index value index, 0-based
     * @param dst destination, at least {@link #bytesLength(int)} long
     * @return the number of bytes copied (the value's length)
     * @throws StructException if the value has another code, or {@code dst} is too short
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public int getBytes(int index, byte[] dst) {
        byte kind = valueKind[Objects.checkIndex(index, valueKind.length)];
        ByteBuffer buf = wrapped();
        int at = base + valueOffset[index];
        int count = layout.valueSize[index];
        int length;
        switch (kind) {
            case Layout.CHAR:
            case Layout.STRING:
                length = count;
                break;
            case Layout.PASCAL:
                // CPython's reading of the length byte, capped at count-1; 0p holds nothing.
                length = count == 0 ? 0 : Math.min(buf.get(at) & 0xff, count - 1);
                at++;
                break;
            default:
                throw wrongType(index, layout.runOf(index), "getBytes", "one of c s p");
        }
        if (length > 0) {
            try {
                buf.get(at, dst, 0, length);
            } catch (IndexOutOfBoundsException e) {
                // Checked by failing: a length test before the copy slows the common case.
                if (dst.length < length) {
                    throw StructException.shortDestination(index, code(index), length, dst.length);
                }
                throw e;
            }
        }
        return length;
    }

    /**
     * The length of the bytes value {@code index} (code {@code c s p}): 1 for {@code c}, the
     * count for {@code s}, the length byte capped at count-1 for {@code p}.
     *
     * @param index value index, 0-based
     * @return the length in bytes
     * @throws StructException if the value has another code
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public int bytesLength(int index) {
        int run = bytesRun(index, "bytesLength");
        return ItemCodec.bytesLength(layout, buffer, base + layout.offsetOf(run, index), run);
    }

    /**
     * Value {@code index}, boxed as {@link Struct#unpack(byte[])} maps it (a new array for
     * {@code c s p}).
     *
     * @param index value index, 0-based
     * @return the value
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public Object get(int index) {
        int run = runFor(index);
        return ItemCodec.read(layout, buffer, base, run, index);
    }

    /**
     * Copies the record out: its values, boxed as {@link Struct#unpack(byte[])} maps them.
     *
     * @return a new mutable list, independent of the wrapped buffer
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public List<Object> toList() {
        checkWrapped();
        int size = layout.valueCount;
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(ItemCodec.read(layout, buffer, base, layout.runOf(i), i));
        }
        return values;
    }

    /**
     * Copies the record's bytes into {@code out} at absolute index {@code at}; {@code out}'s
     * position and limit are not changed.
     */
    void copyTo(ByteBuffer out, int at) {
        out.put(at, wrapped(), base, layout.size);
    }

    /**
     * The record as CPython prints the tuple {@code struct.unpack} returns:
     * {@code (1, b'ab', 2, 3, 3, 2.5)}; {@code StructReader('<format>', unwrapped)} before the
     * first {@link #wrap}.
     *
     * @return the repr
     */
    @Override
    public String toString() {
        return buffer == null
                ? "StructReader('" + layout.format + "', unwrapped)"
                : PythonLiterals.tupleRepr(this);
    }

    /**
     * A reader over a private copy of the current record, independent of the wrapped buffer.
     *
     * @return a new wrapped reader
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public StructReader copy() {
        checkWrapped();
        byte[] bytes = new byte[layout.size];
        buffer.get(base, bytes, 0, bytes.length);
        return new StructReader(struct).wrap(ByteBuffer.wrap(bytes), 0);
    }

    private int runFor(int index) {
        Objects.checkIndex(index, layout.valueCount);
        checkWrapped();
        return layout.runOf(index);
    }

    private int bytesRun(int index, String getter) {
        int run = runFor(index);
        byte kind = layout.kind[run];
        if (kind < Layout.CHAR) {
            throw wrongType(index, run, getter, "one of c s p");
        }
        return run;
    }

    /** The wrapped buffer; one field load and a null check on the fast path. */
    private ByteBuffer wrapped() {
        ByteBuffer buf = buffer;
        if (buf == null) {
            throw new IllegalStateException("StructReader is not wrapped: call wrap(buf, offset)");
        }
        return buf;
    }

    private void checkWrapped() {
        if (buffer == null) {
            throw new IllegalStateException("StructReader is not wrapped: call wrap(buf, offset)");
        }
    }

    private StructException wrongType(int index, int run, String getter, String wanted) {
        return new StructException("field " + index + " has code '" + layout.code[run] + "': "
                + getter + " needs " + wanted);
    }
}
