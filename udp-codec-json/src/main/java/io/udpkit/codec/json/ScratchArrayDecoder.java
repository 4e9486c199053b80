package io.udpkit.codec.json;

import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;

/**
 * {@link JsonCodec#newDecoder()}'s decoder: parses heap buffers in place, and copies direct or
 * read-only buffers into one array kept between calls, so Jackson parses from an array (its fastest
 * path) without a new copy per datagram. The array grows to the largest payload seen, at most one
 * datagram (65,507 bytes). One thread at a time.
 */
final class ScratchArrayDecoder<T> implements Decoder<T> {

    private static final int INITIAL_SCRATCH_BYTES = 2048;

    private final JsonCodec<T> codec;
    private byte[] scratch = new byte[0];

    ScratchArrayDecoder(JsonCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public T decode(ByteBuffer payload) {
        int length = JsonCodec.checkPayload(payload);
        if (payload.hasArray()) {
            return codec.read(payload.array(), payload.arrayOffset() + payload.position(), length);
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, Math.max(INITIAL_SCRATCH_BYTES, 2 * scratch.length))];
        }
        payload.get(payload.position(), scratch, 0, length);
        return codec.read(scratch, 0, length);
    }
}
