package io.udpkit.codec.struct;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A compiled accessor for one value of a {@link Struct}: its code, byte order and offset fixed
 * once, so a read or write is one bounds-checked buffer access, with no format lookup, no type
 * dispatch and no allocation. Obtain one from {@link Struct#longField(int)},
 * {@link Struct#doubleField(int)} or {@link Struct#bytesField(int)}, which check the value's
 * code up front; the accessors themselves never fail on type.
 *
 * <p><b>Fastest use.</b> Keep accessors in {@code static final} fields, as one does with
 * {@link java.lang.invoke.VarHandle}s. The JIT then sees offset and byte order as constants, and
 * {@code ID.get(buf, at)} compiles to essentially a hand-written {@code buf.getInt(at + 0)}
 * (within about 1.2x in udp-bench's JMH runs). Accessors held in instance fields or arrays stay
 * allocation-free and cost a few more loads per call; for a run of repeated values (a count such
 * as {@code 16d}) keep one accessor and use {@code getAt}/{@code setAt}.
 *
 * <pre>{@code
 * static final Struct SEED = Struct.compile("! I 2s Q 2h f");
 * static final StructField.OfLong ID = SEED.longField(0);
 * static final StructField.OfDouble RATIO = SEED.doubleField(5);
 *
 * long id = ID.get(datagram, 0);      // record at index 0 of the buffer
 * RATIO.set(reply, 0, 2.5);           // CPython's checks and rounding for 'f'
 * }</pre>
 *
 * <p><b>Buffers.</b> {@code record} is the absolute index of the record's first byte; the value
 * is read at {@code record + offset()}. Accesses are absolute, never move the buffer's position,
 * and use the format's byte order, never the buffer's. A value that does not lie within the
 * buffer's limit gets the buffer's {@link IndexOutOfBoundsException}; a write to a read-only
 * buffer gets {@link java.nio.ReadOnlyBufferException}. Writes touch only the value's own bytes:
 * pad bytes ({@code x}) and alignment padding keep whatever the buffer held, so start from a
 * zeroed record (or {@link Struct#packInto}) when a peer must see zero padding.
 *
 * <p>Accessors are immutable and thread-safe. Only udpkit implements this interface.
 */
public sealed interface StructField
        permits StructField.OfLong, StructField.OfDouble, StructField.OfBytes {

    /**
     * The value's index in the record, 0-based, as in {@link Struct#unpack(byte[])}.
     *
     * @return the value index
     */
    int index();

    /**
     * The value's format code, e.g. {@code 'I'} or {@code 's'}.
     *
     * @return the code character
     */
    char code();

    /**
     * The value's byte offset from the start of the record.
     *
     * @return the offset in bytes
     */
    int offset();

    /**
     * The value's size in bytes: the code's size (8 for {@code d}), or the count for {@code s}
     * and {@code p}. Values of one run lie this far apart.
     *
     * @return the size in bytes
     */
    int size();

    /**
     * How many values the value's run holds from this one on: 16 for value 0 of {@code "16d"},
     * 13 for value 3; 1 for a value without a repeat count and for an {@code s} or {@code p}
     * field. {@code getAt}/{@code setAt} reach them all through this one accessor.
     *
     * @return the values from this one to the end of its run, at least 1
     */
    int runLength();

    /**
     * An integer code ({@code b B h H i I l L q Q n N P}) or {@code ?}, read and written as a
     * {@code long}.
     */
    sealed interface OfLong extends StructField permits FieldAccessors.BoolField,
            FieldAccessors.Int8Field, FieldAccessors.Int16Field, FieldAccessors.Int32Field,
            FieldAccessors.Int64Field {

        /**
         * Reads the value. {@code ?} gives 1 or 0. An unsigned 64-bit value above
         * {@link Long#MAX_VALUE} comes back as its two's-complement bits (a negative long), as
         * {@link StructReader#getLong(int)} gives it.
         *
         * @param buf the buffer holding the record
         * @param record absolute index of the record's first byte
         * @return the value
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        long get(ByteBuffer buf, int record);

        /**
         * Writes the value after CPython's range check for the code. {@code ?} stores 1 for any
         * non-zero value, 0 for zero. For 8-byte unsigned codes ({@code Q}, and {@code L N P}
         * natively) {@code value} is taken as the unsigned bits, so every long is accepted.
         *
         * @param buf a writable buffer holding the record
         * @param record absolute index of the record's first byte
         * @param value the value to store
         * @throws StructException with CPython's message when the value does not fit the code,
         *     e.g. "'I' format requires 0 &lt;= number &lt;= 4294967295"; nothing is written
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        void set(ByteBuffer buf, int record, long value);

        /**
         * Reads the {@code k}-th value of this value's run ({@code k = 0} is this one), as
         * {@link #get(ByteBuffer, int)} would read that value's own accessor. Held in a
         * {@code static final}, one accessor reads a whole array such as {@code "16q"} at the
         * speed of a hand-written loop.
         *
         * @param buf the buffer holding the record
         * @param record absolute index of the record's first byte
         * @param k 0 to {@link #runLength()} - 1
         * @return the value
         * @throws IndexOutOfBoundsException if {@code k} is out of range, or the value lies
         *     outside the buffer's limit
         */
        default long getAt(ByteBuffer buf, int record, int k) {
            return get(buf, record + Objects.checkIndex(k, runLength()) * size());
        }

        /**
         * Writes the {@code k}-th value of this value's run, as
         * {@link #set(ByteBuffer, int, long)}.
         *
         * @param buf a writable buffer holding the record
         * @param record absolute index of the record's first byte
         * @param k 0 to {@link #runLength()} - 1
         * @param value the value to store
         * @throws StructException with CPython's message when the value does not fit the code
         * @throws IndexOutOfBoundsException if {@code k} is out of range, or the value lies
         *     outside the buffer's limit
         */
        default void setAt(ByteBuffer buf, int record, int k, long value) {
            set(buf, record + Objects.checkIndex(k, runLength()) * size(), value);
        }
    }

    /** A float code ({@code e f d}), read and written as a {@code double}. */
    sealed interface OfDouble extends StructField
            permits FieldAccessors.HalfField, FieldAccessors.FloatField,
            FieldAccessors.DoubleField {

        /**
         * Reads the value, widened exactly to double ({@code e} and {@code f} NaNs as
         * {@link Struct#unpack(byte[])} gives them).
         *
         * @param buf the buffer holding the record
         * @param record absolute index of the record's first byte
         * @return the value
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        double get(ByteBuffer buf, int record);

        /**
         * Writes the value, rounded as CPython rounds it for the code (half to even).
         *
         * @param buf a writable buffer holding the record
         * @param record absolute index of the record's first byte
         * @param value the value to store
         * @throws StructException "float too large to pack with e format" (or {@code f}, for
         *     standard sizes) when a finite value overflows the code; nothing is written
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        void set(ByteBuffer buf, int record, double value);

        /**
         * Reads the {@code k}-th value of this value's run ({@code k = 0} is this one); see
         * {@link OfLong#getAt(ByteBuffer, int, int)}.
         *
         * @param buf the buffer holding the record
         * @param record absolute index of the record's first byte
         * @param k 0 to {@link #runLength()} - 1
         * @return the value
         * @throws IndexOutOfBoundsException if {@code k} is out of range, or the value lies
         *     outside the buffer's limit
         */
        default double getAt(ByteBuffer buf, int record, int k) {
            return get(buf, record + Objects.checkIndex(k, runLength()) * size());
        }

        /**
         * Writes the {@code k}-th value of this value's run, as
         * {@link #set(ByteBuffer, int, double)}.
         *
         * @param buf a writable buffer holding the record
         * @param record absolute index of the record's first byte
         * @param k 0 to {@link #runLength()} - 1
         * @param value the value to store
         * @throws StructException when a finite value overflows the code
         * @throws IndexOutOfBoundsException if {@code k} is out of range, or the value lies
         *     outside the buffer's limit
         */
        default void setAt(ByteBuffer buf, int record, int k, double value) {
            set(buf, record + Objects.checkIndex(k, runLength()) * size(), value);
        }
    }

    /** A bytes code ({@code c s p}), read into and written from a {@code byte[]}. */
    sealed interface OfBytes extends StructField
            permits FieldAccessors.CharField, FieldAccessors.StringField,
            FieldAccessors.PascalField {

        /**
         * The length of the value in the record: 1 for {@code c}, the count for {@code s}, the
         * length byte capped at count-1 for {@code p}.
         *
         * @param buf the buffer holding the record
         * @param record absolute index of the record's first byte
         * @return the length in bytes
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        int length(ByteBuffer buf, int record);

        /**
         * Copies the value into {@code dst} from index 0.
         *
         * @param buf the buffer holding the record
         * @param record absolute index of the record's first byte
         * @param dst destination, at least {@link #length(ByteBuffer, int)} long
         * @return the number of bytes copied
         * @throws StructException if {@code dst} is too short (the message gives both lengths)
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        int get(ByteBuffer buf, int record, byte[] dst);

        /**
         * Writes the value as {@link Struct#pack} would: {@code c} needs exactly one byte;
         * {@code s} is truncated or zero-padded to the count; {@code p} stores min(length,
         * count-1) bytes after a length byte, zero-padded.
         *
         * @param buf a writable buffer holding the record
         * @param record absolute index of the record's first byte
         * @param value the bytes to store
         * @throws StructException "char format requires a bytes object of length 1" for a
         *     {@code c} value of another length; nothing is written
         * @throws IndexOutOfBoundsException if the value lies outside the buffer's limit
         */
        void set(ByteBuffer buf, int record, byte[] value);
    }
}
