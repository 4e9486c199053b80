package io.udpkit.codec.struct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Absolute multi-byte reads and writes with the byte order chosen per call. View var handles
 * carry their own byte order, so a caller's {@link ByteBuffer#order()} never matters.
 */
final class ByteAccess {

    private static final VarHandle SHORT_LE =
            MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE =
            MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Source of zeros for {@link #zero}: bulk puts of it are copies, not per-byte writes. */
    private static final byte[] ZEROS = new byte[512];

    private ByteAccess() {
    }

    /** Writes {@code length} zero bytes from absolute index {@code at}. */
    static void zero(ByteBuffer buf, int at, int length) {
        int done = 0;
        while (done < length) {
            int chunk = Math.min(ZEROS.length, length - done);
            buf.put(at + done, ZEROS, 0, chunk);
            done += chunk;
        }
    }

    static short getShort(ByteBuffer buf, int index, boolean bigEndian) {
        return bigEndian ? (short) SHORT_BE.get(buf, index) : (short) SHORT_LE.get(buf, index);
    }

    static int getInt(ByteBuffer buf, int index, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(buf, index) : (int) INT_LE.get(buf, index);
    }

    static long getLong(ByteBuffer buf, int index, boolean bigEndian) {
        return bigEndian ? (long) LONG_BE.get(buf, index) : (long) LONG_LE.get(buf, index);
    }

    static void putShort(ByteBuffer buf, int index, short value, boolean bigEndian) {
        if (bigEndian) {
            SHORT_BE.set(buf, index, value);
        } else {
            SHORT_LE.set(buf, index, value);
        }
    }

    static void putInt(ByteBuffer buf, int index, int value, boolean bigEndian) {
        if (bigEndian) {
            INT_BE.set(buf, index, value);
        } else {
            INT_LE.set(buf, index, value);
        }
    }

    static void putLong(ByteBuffer buf, int index, long value, boolean bigEndian) {
        if (bigEndian) {
            LONG_BE.set(buf, index, value);
        } else {
            LONG_LE.set(buf, index, value);
        }
    }
}
