package io.udpkit.codec.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes into a buffer from its position by absolute index, at most {@code capacity} bytes, and
 * never moves the buffer's position: the codec advances it only once the whole document is
 * written, so a failed encode leaves the position where it was.
 */
final class BoundedBufferOutputStream extends OutputStream {

    /** Thrown, and remembered, when the document needs more than the capacity. */
    static final class CapacityExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        CapacityExceeded(int capacity) {
            super("more than " + capacity + " bytes");
        }
    }

    private final ByteBuffer target;
    private final int start;
    private final int capacity;
    private int written;
    private boolean exceeded;

    /**
     * @param target   the buffer to write into
     * @param capacity the most bytes that may be written from the buffer's position
     */
    BoundedBufferOutputStream(ByteBuffer target, int capacity) {
        this.target = target;
        this.start = target.position();
        this.capacity = capacity;
    }

    @Override
    public void write(int b) throws IOException {
        ensureRoom(1);
        target.put(start + written, (byte) b);
        written++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureRoom(length);
        target.put(start + written, bytes, offset, length);
        written += length;
    }

    private void ensureRoom(int length) throws CapacityExceeded {
        if (length > capacity - written) {
            exceeded = true;
            throw new CapacityExceeded(capacity);
        }
    }

    /** @return the bytes written so far */
    int written() {
        return written;
    }

    /** @return whether a write was refused for lack of room (Jackson may wrap or swallow the exception) */
    boolean exceeded() {
        return exceeded;
    }
}
