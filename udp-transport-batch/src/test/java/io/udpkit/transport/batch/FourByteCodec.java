package io.udpkit.transport.batch;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;

/**
 * A test codec: a datagram of exactly 4 bytes decodes to its payload view (no copy); anything
 * else is undecodable, with one reused, stackless exception per decoder, so neither path
 * allocates.
 */
final class FourByteCodec implements Codec<ByteBuffer> {

    static final FourByteCodec INSTANCE = new FourByteCodec();

    @Override
    public ByteBuffer decode(ByteBuffer payload) {
        if (payload.remaining() != 4) {
            throw new CodecException("not 4 bytes: " + payload.remaining());
        }
        return payload;
    }

    @Override
    public void encode(ByteBuffer value, ByteBuffer out) {
        out.put(value.duplicate());
    }

    @Override
    public Decoder<ByteBuffer> newDecoder() {
        CodecException notFour = new NotFourBytes();
        return payload -> {
            if (payload.remaining() != 4) {
                throw notFour;
            }
            return payload;
        };
    }

    private static final class NotFourBytes extends CodecException {

        private static final long serialVersionUID = 1L;

        NotFourBytes() {
            super("not 4 bytes");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
