package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled CPython {@code struct} format: packs Java values to bytes and unpacks bytes to
 * values exactly as CPython 3.11's {@code struct.Struct} does on x86_64 Linux.
 *
 * <p><b>Format language.</b> An optional first character selects byte order, size and alignment:
 * {@code @} (default: native order, native sizes, native alignment), {@code =} (native order,
 * standard sizes), {@code <} (little-endian), {@code >} and {@code !} (big-endian), all
 * non-{@code @} orders with standard sizes and no alignment. Then items: an optional decimal
 * repeat count directly followed by a code. Whitespace (space, tab, CR, LF, VT, FF) may separate
 * items, but not a count from its code, and may not precede the byte-order character. Codes and
 * sizes (standard / native): {@code x} pad 1, {@code c} 1, {@code b B ?} 1, {@code h H} 2,
 * {@code i I} 4, {@code l L} 4 / 8, {@code q Q} 8, {@code n N P} native only 8, {@code e} 2,
 * {@code f} 4, {@code d} 8, {@code s p} one field of count bytes. With {@code @} each item is
 * aligned to its size (also with count 0, so {@code "llh0l"} pads to a multiple of 8); the end of
 * the struct is never padded. Native byte order is the JVM's ({@link java.nio.ByteOrder#nativeOrder()}).
 *
 * <p><b>Value mapping.</b> Unpacking: integer codes give {@link Long}, except unsigned 64-bit
 * values ({@code Q L N P} with 8 bytes) above {@link Long#MAX_VALUE}, which give a
 * {@link java.math.BigInteger}; {@code ?} gives {@link Boolean} (any non-zero byte is true);
 * {@code e f d} give {@link Double} (exact widening; {@code e} NaNs become the quiet NaN with
 * their sign, {@code f} NaNs are quieted keeping their payload, {@code d} bits are kept as is);
 * {@code c s p} give a new {@code byte[]} ({@code p}: the length byte capped at count-1). The
 * lists {@link #unpack} returns print as CPython prints the tuple: {@code (1, b'ab', 2, 3, 3, 2.5)}.
 * Packing: integer codes take {@link Long}, {@link Integer}, {@link Short}, {@link Byte},
 * {@link java.math.BigInteger}, {@link java.util.concurrent.atomic.AtomicLong},
 * {@link java.util.concurrent.atomic.AtomicInteger} or {@link Boolean} (as 1/0, like Python's
 * bool), range-checked with CPython's messages; {@code e f d} take any {@link Number} or
 * {@link Boolean}, converted with round-half-even ({@code e} and standard {@code f} fail with
 * "float too large to pack with e/f format" on overflow; native {@code @f} overflows to
 * infinity as in CPython); {@code ?} takes a {@link Boolean} or a {@link Number} (non-zero and
 * NaN are true); {@code c} takes a {@code byte[]} of length 1; {@code s} takes a {@code byte[]},
 * truncated or zero-padded to the count; {@code p} takes a {@code byte[]}, stores
 * min(length, count-1) bytes after a length byte holding min(that, 255).
 *
 * <p><b>Limits and differences from CPython.</b> The total size is capped at
 * {@code Integer.MAX_VALUE - 8} bytes (CPython allows up to {@code Py_ssize_t}); a larger format
 * fails with "total struct size too long". A bad format character gets CPython's message
 * followed by the character and its index: {@code "bad char in struct format: 'y' at index 3"}.
 * Unpacking {@code 0p} gives an empty array (CPython raises an internal SystemError).
 * {@link #packInto} validates all values before writing, so a failed call leaves the buffer
 * unchanged (CPython may have written part of the struct).
 *
 * <p><b>Buffers.</b> Methods taking a {@link ByteBuffer} use absolute indexes, never change its
 * position, limit or mark, and ignore its {@link ByteBuffer#order()}: the format alone decides
 * the byte order. The allocation-free paths are {@link #reader()}, a view that reads any value by
 * index, and the per-value accessors {@link #longField}, {@link #doubleField} and
 * {@link #bytesField}, which read and write in place at the speed of hand-written code.
 *
 * <p>Instances are immutable and thread-safe; compile a format once and reuse it.
 */
public final class Struct {

    private static final int CACHE_LIMIT = 256;
    private static final ConcurrentHashMap<String, Struct> CACHE = new ConcurrentHashMap<>();

    private final Layout layout;

    private Struct(Layout layout) {
        this.layout = layout;
    }

    /**
     * Compiles a format once; the result is immutable and thread-safe.
     *
     * @param format a CPython struct format, e.g. {@code "! I 2s Q 2h f"}
     * @return the compiled struct
     * @throws StructException for a bad format, with CPython's message
     * @throws NullPointerException if {@code format} is null
     */
    public static Struct compile(String format) {
        Objects.requireNonNull(format, "format");
        return new Struct(FormatParser.parse(format));
    }

    /**
     * Packs values with a format, as Python's {@code struct.pack(fmt, *values)}. Compiled formats
     * are cached (a few hundred distinct formats).
     *
     * @param format the struct format
     * @param values one value per item, mapped as described in the class documentation
     * @return a new array of {@link #calcsize(String)} bytes
     * @throws StructException for a bad format or bad values
     */
    public static byte[] pack(String format, Object... values) {
        return cached(format).pack(values);
    }

    /**
     * Unpacks bytes with a format, as Python's {@code struct.unpack(fmt, data)}.
     *
     * @param format the struct format
     * @param data exactly {@link #calcsize(String)} bytes
     * @return the values, mapped as described in the class documentation
     * @throws StructException for a bad format or a wrong data length
     */
    public static List<Object> unpack(String format, byte[] data) {
        return cached(format).unpack(data);
    }

    /**
     * The size in bytes of a format, as Python's {@code struct.calcsize(fmt)}.
     *
     * @param format the struct format
     * @return its size in bytes
     * @throws StructException for a bad format
     */
    public static int calcsize(String format) {
        return cached(format).size();
    }

    private static Struct cached(String format) {
        Objects.requireNonNull(format, "format");
        Struct struct = CACHE.get(format);
        if (struct == null) {
            struct = compile(format);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(format, struct);
        }
        return struct;
    }

    /**
     * The packed size in bytes.
     *
     * @return the number of bytes {@link #pack(Object...)} produces
     */
    public int size() {
        return layout.size;
    }

    /**
     * The format this struct was compiled from, unchanged.
     *
     * @return the format string
     */
    public String format() {
        return layout.format;
    }

    /**
     * The number of values a record holds (pad bytes hold none; an {@code s} or {@code p} field
     * holds one).
     *
     * @return the number of values {@link #pack(Object...)} takes and {@link #unpack} returns
     */
    public int valueCount() {
        return layout.valueCount;
    }

    Layout layout() {
        return layout;
    }

    /**
     * Packs values into a new array.
     *
     * @param values one value per item (see the class documentation for accepted types)
     * @return a new array of {@link #size()} bytes
     * @throws StructException "pack expected N items for packing (got M)", or a value's error
     */
    public byte[] pack(Object... values) {
        checkCount(values.length, "pack");
        byte[] out = new byte[layout.size];
        ItemCodec.packAll(layout, values, null, ByteBuffer.wrap(out), 0);
        return out;
    }

    /**
     * Packs values into {@code buf} at absolute index {@code offset}, as Python's
     * {@code pack_into}: a negative offset counts back from the buffer's limit. The offset is a
     * {@code long}, like CPython's {@code Py_ssize_t}, so an offset no buffer can reach (up to
     * {@link Long#MAX_VALUE}, Python's {@code sys.maxsize}) gets CPython's message rather than
     * an overflow. The region is zero-filled first (pad bytes, string padding). Values are
     * validated before anything is written, so on failure the buffer is unchanged. Allocates
     * nothing beyond what boxing the values took.
     *
     * @param buf a writable buffer; its size is its {@link ByteBuffer#limit()}
     * @param offset absolute index, or negative to count from the limit
     * @param values one value per item
     * @throws StructException with CPython's message for a wrong count, an offset that leaves
     *     too little room, or a bad value
     * @throws java.nio.ReadOnlyBufferException if {@code buf} is read-only
     */
    public void packInto(ByteBuffer buf, long offset, Object... values) {
        checkCount(values.length, "pack_into");
        packChecked(buf, offset, values, null);
    }

    /**
     * Packs a list of values at {@code offset}, without copying the list; {@code operation}
     * names the Python call in a wrong-count message ({@code pack} for the codec, whose encode
     * stands for {@code struct.pack}).
     */
    void packInto(ByteBuffer buf, long offset, List<?> values, String operation) {
        checkCount(values.size(), operation);
        packChecked(buf, offset, null, values);
    }

    private void packChecked(ByteBuffer buf, long offset, Object[] array, List<?> list) {
        int size = layout.size;
        int length = buf.limit();
        long start = absoluteOffset(offset, length, "no space to pack");
        if (length - start < size) {
            throw new StructException("pack_into requires a buffer of at least "
                    + Long.toUnsignedString(size + start) + " bytes for packing " + size
                    + " bytes at offset " + start + " (actual buffer size is " + length + ")");
        }
        if (buf.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        ItemCodec.packAll(layout, array, list, null, 0);
        int base = (int) start;
        ByteAccess.zero(buf, base, size);
        ItemCodec.packAll(layout, array, list, buf, base);
    }

    /**
     * Python's reading of a pack_into/unpack_from offset: a negative one counts back from the end
     * of the {@code length}-byte buffer, and must leave room for the whole record before the end.
     * {@code tooLate} starts CPython's message for a negative offset too close to the end. The
     * result is non-negative; callers compare it with the buffer's length before narrowing it.
     */
    private long absoluteOffset(long offset, int length, String tooLate) {
        int size = layout.size;
        long start = offset;
        if (offset < 0) {
            if (start + size > 0) {
                throw new StructException(tooLate + " " + size + " bytes at offset " + offset);
            }
            if (start + length < 0) {
                throw new StructException("offset " + offset + " out of range for " + length
                        + "-byte buffer");
            }
            start += length;
        }
        return start;
    }

    private void checkCount(int count, String operation) {
        if (count != layout.valueCount) {
            throw new StructException(operation + " expected " + layout.valueCount
                    + " items for packing (got " + count + ")");
        }
    }

    /**
     * Unpacks exactly {@link #size()} bytes.
     *
     * @param data the packed record
     * @return a new mutable list of the values
     * @throws StructException "unpack requires a buffer of N bytes" for a wrong length
     */
    public List<Object> unpack(byte[] data) {
        return unpack(ByteBuffer.wrap(data));
    }

    /**
     * Unpacks the bytes between {@code buf}'s position and limit, which must be exactly
     * {@link #size()} bytes; the buffer's position is not changed.
     *
     * @param buf the packed record
     * @return a new mutable list of the values
     * @throws StructException "unpack requires a buffer of N bytes" for a wrong length
     */
    public List<Object> unpack(ByteBuffer buf) {
        if (buf.remaining() != layout.size) {
            throw new StructException("unpack requires a buffer of " + layout.size + " bytes");
        }
        return readAll(buf, buf.position());
    }

    /**
     * Unpacks one record at absolute index {@code offset}, as Python's {@code unpack_from}: a
     * negative offset counts back from the buffer's limit; bytes after the record are ignored.
     * The offset is a {@code long}, as in {@link #packInto(ByteBuffer, long, Object...)}.
     *
     * @param buf the buffer; its size is its {@link ByteBuffer#limit()}
     * @param offset absolute index, or negative to count from the limit
     * @return a new mutable list of the values
     * @throws StructException with CPython's message when the record does not fit
     */
    public List<Object> unpackFrom(ByteBuffer buf, long offset) {
        return readAll(buf, checkedReadOffset(buf, offset));
    }

    private int checkedReadOffset(ByteBuffer buf, long offset) {
        int size = layout.size;
        int length = buf.limit();
        long start = absoluteOffset(offset, length, "not enough data to unpack");
        if (length - start < size) {
            throw new StructException("unpack_from requires a buffer of at least "
                    + Long.toUnsignedString(size + start) + " bytes for unpacking " + size + " bytes at offset "
                    + start + " (actual buffer size is " + length + ")");
        }
        return (int) start;
    }

    private List<Object> readAll(ByteBuffer buf, int base) {
        List<Object> values = new UnpackedValues(layout.valueCount);
        for (int run = 0; run < layout.runCount; run++) {
            int first = layout.firstValue[run];
            for (int k = 0; k < layout.repeat[run]; k++) {
                values.add(ItemCodec.read(layout, buf, base, run, first + k));
            }
        }
        return values;
    }

    /**
     * Iterates over consecutive records between {@code buf}'s position and limit, as Python's
     * {@code iter_unpack}. The buffer's position is not changed; its content is read lazily.
     *
     * @param buf the records; the remaining length must be a multiple of {@link #size()}
     * @return an iterator of value lists, one per record, that also says how many remain
     * @throws StructException "cannot iteratively unpack with a struct of length 0", or
     *     "iterative unpacking requires a buffer of a multiple of N bytes"
     */
    public UnpackIterator iterUnpack(ByteBuffer buf) {
        int size = layout.size;
        if (size == 0) {
            throw new StructException("cannot iteratively unpack with a struct of length 0");
        }
        if (buf.remaining() % size != 0) {
            throw new StructException(
                    "iterative unpacking requires a buffer of a multiple of " + size + " bytes");
        }
        return new UnpackIterator(buf, buf.position(), buf.limit());
    }

    /**
     * The records of one {@link #iterUnpack} call, read lazily; like CPython's
     * {@code unpack_iterator}, it reports how many records remain ({@code __length_hint__}).
     * Not thread-safe.
     */
    public final class UnpackIterator implements Iterator<List<Object>> {

        private final ByteBuffer buf;
        private final int end;
        private int next;

        private UnpackIterator(ByteBuffer buf, int begin, int end) {
            this.buf = buf;
            this.next = begin;
            this.end = end;
        }

        /**
         * The number of records {@link #next()} has yet to return, as Python's
         * {@code operator.length_hint(it)}.
         *
         * @return records left; 0 once exhausted
         */
        public int remaining() {
            return (end - next) / layout.size;
        }

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        public List<Object> next() {
            if (next >= end) {
                throw new NoSuchElementException();
            }
            List<Object> values = readAll(buf, next);
            next += layout.size;
            return values;
        }
    }

    /**
     * The accessor of value {@code index}, whatever its code: a {@link StructField.OfLong},
     * {@link StructField.OfDouble} or {@link StructField.OfBytes}.
     *
     * @param index value index, 0-based
     * @return a new immutable accessor
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     */
    public StructField field(int index) {
        Objects.checkIndex(index, layout.valueCount);
        return FieldAccessors.of(layout, index);
    }

    /**
     * The accessor of value {@code index}, an integer code or {@code ?}: the allocation-free
     * typed path for reading and writing it in place (see {@link StructField}).
     *
     * @param index value index, 0-based
     * @return a new immutable accessor
     * @throws StructException if the value has another code (the message names index and code)
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     */
    public StructField.OfLong longField(int index) {
        return typedField(index, StructField.OfLong.class, "longField", "an integer code or ?");
    }

    /**
     * The accessor of value {@code index}, a float code ({@code e f d}).
     *
     * @param index value index, 0-based
     * @return a new immutable accessor
     * @throws StructException if the value has another code (the message names index and code)
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     */
    public StructField.OfDouble doubleField(int index) {
        return typedField(index, StructField.OfDouble.class, "doubleField", "one of e f d");
    }

    /**
     * The accessor of value {@code index}, a bytes code ({@code c s p}).
     *
     * @param index value index, 0-based
     * @return a new immutable accessor
     * @throws StructException if the value has another code (the message names index and code)
     * @throws IndexOutOfBoundsException if {@code index} is not a value index
     */
    public StructField.OfBytes bytesField(int index) {
        return typedField(index, StructField.OfBytes.class, "bytesField", "one of c s p");
    }

    private <F extends StructField> F typedField(int index, Class<F> type, String method,
            String wanted) {
        StructField field = field(index);
        if (!type.isInstance(field)) {
            throw new StructException("field " + index + " has code '" + field.code() + "': "
                    + method + " needs " + wanted);
        }
        return type.cast(field);
    }

    /**
     * The {@code struct} codec of this format, typed: each datagram is one record, a
     * {@link StructReader}. Its {@link Codec#newDecoder() decoder} re-points one reader at each
     * payload (a flyweight, valid only until the next datagram); {@link Codec#decode} returns a
     * reader over a private copy.
     *
     * @return a thread-safe codec; decoding needs exactly {@link #size()} bytes
     * @throws CodecException if a record is larger than the largest UDP payload
     *     ({@link DatagramLimits#MAX_UDP_PAYLOAD} bytes)
     */
    public Codec<StructReader> codec() {
        if (layout.size > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw new CodecException("struct '" + layout.format + "' is " + layout.size
                    + " bytes, larger than the largest UDP payload (" + DatagramLimits.MAX_UDP_PAYLOAD
                    + " bytes)");
        }
        return new StructCodec(this);
    }

    /**
     * Packs values into a new record and returns a reader over it: a value for
     * {@link #codec()}'s {@code encode}, or for a client's {@code sendValue}.
     *
     * @param values one value per item (see the class documentation for accepted types)
     * @return a wrapped reader over a new array of {@link #size()} bytes
     * @throws StructException "pack expected N items for packing (got M)", or a value's error
     */
    public StructReader record(Object... values) {
        return reader().wrap(ByteBuffer.wrap(pack(values)), 0);
    }

    /**
     * A new reusable, allocation-free view for reading records of this format: the fast path.
     *
     * @return an unwrapped reader; call {@link StructReader#wrap(ByteBuffer, int)} before use
     */
    public StructReader reader() {
        return new StructReader(this);
    }

    /**
     * Describes this struct like Python's repr.
     *
     * @return {@code Struct('<format>')}
     */
    @Override
    public String toString() {
        return "Struct('" + layout.format + "')";
    }
}
