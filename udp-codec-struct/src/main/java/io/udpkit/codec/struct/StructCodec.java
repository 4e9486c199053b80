package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The {@code struct} codec: one datagram is one record of a compiled format. Decoded values are
 * {@link StructReader}s; {@link #newDecoder()} reuses one reader over the payload, copying
 * nothing.
 */
final class StructCodec implements Codec<List<Object>> {

    private final Struct struct;

    StructCodec(Struct struct) {
        this.struct = struct;
    }

    @Override
    public List<Object> decode(ByteBuffer payload) {
        checkLength(payload);
        byte[] copy = new byte[struct.size()];
        payload.get(payload.position(), copy, 0, copy.length);
        return struct.reader().wrap(ByteBuffer.wrap(copy), 0);
    }

    @Override
    public void encode(List<Object> value, ByteBuffer out) {
        if (value == null) {
            throw new CodecException("struct '" + struct.format() + "' cannot encode null");
        }
        if (out.remaining() < struct.size()) {
            throw new CodecException("struct '" + struct.format() + "' needs " + struct.size()
                    + " bytes of room, buffer has " + out.remaining());
        }
        try {
            struct.packInto(out, out.position(), value, "pack");
        } catch (StructException e) {
            throw new CodecException(e.getMessage(), e);
        }
        out.position(out.position() + struct.size());
    }

    @Override
    public Decoder<List<Object>> newDecoder() {
        StructReader reader = struct.reader();
        WrongLength wrongLength = new WrongLength(struct);
        return payload -> {
            if (payload.remaining() != struct.size()) {
                throw wrongLength.actual(payload.remaining());
            }
            return reader.wrap(payload, payload.position());
        };
    }

    /**
     * A decoder's one reused failure for a payload of the wrong size: no stack trace, and the
     * message is worded only when asked for, so an undecodable datagram allocates nothing.
     */
    private static final class WrongLength extends CodecException {

        private static final long serialVersionUID = 1L;

        private final transient Struct struct;
        private int actual;

        WrongLength(Struct struct) {
            this.struct = struct;
        }

        WrongLength actual(int bytes) {
            this.actual = bytes;
            return this;
        }

        @Override
        public String getMessage() {
            return "struct '" + struct.format() + "' needs " + struct.size() + " bytes, got "
                    + actual;
        }
    }

    private void checkLength(ByteBuffer payload) {
        if (payload.remaining() != struct.size()) {
            throw new CodecException("struct '" + struct.format() + "' needs " + struct.size()
                    + " bytes, got " + payload.remaining());
        }
    }

    @Override
    public String toString() {
        return "struct '" + struct.format() + "'";
    }
}
