package io.udpkit.codec.json;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads a buffer's bytes from its position to its limit, by absolute index, so the buffer itself
 * (position, limit, mark) is never touched. Lets Jackson parse a direct or read-only buffer
 * without a copy of the whole payload. Not thread-safe; one stream per decode.
 */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer source;
    private final int end;
    private int next;

    ByteBufferInputStream(ByteBuffer source) {
        this.source = source;
        this.next = source.position();
        this.end = source.limit();
    }

    @Override
    public int read() {
        return next < end ? source.get(next++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int count = Math.min(length, end - next);
        if (count <= 0) {
            return -1;
        }
        source.get(next, into, offset, count);
        next += count;
        return count;
    }

    @Override
    public int available() {
        return end - next;
    }
}
