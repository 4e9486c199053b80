package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The {@code struct} codec: one datagram is one record of a compiled format, and the value is a
 * {@link StructReader}. {@link #decode} views a private copy of the payload; {@link #newDecoder()}
 * re-points one reader at each payload, copying nothing; {@link #encode} copies a record's bytes.
 */
final class StructCodec implements Codec<StructReader> {

    private final Struct struct;

    StructCodec(Struct struct) {
        this.struct = struct;
    }

    @Override
    public StructReader decode(ByteBuffer payload) {
        checkLength(payload);
        byte[] copy = new byte[struct.size()];
        payload.get(payload.position(), copy, 0, copy.length);
        return struct.reader().wrap(ByteBuffer.wrap(copy), 0);
    }

    @Override
    public void encode(StructReader value, ByteBuffer out) {
        if (value == null) {
            throw new CodecException("struct '" + struct.format() + "' cannot encode null");
        }
        if (!value.struct().format().equals(struct.format())) {
            throw new CodecException("struct '" + struct.format() + "' cannot encode a record of struct '"
                    + value.struct().format() + "'");
        }
        if (out.remaining() < struct.size()) {
            throw new CodecException("struct '" + struct.format() + "' needs " + struct.size()
                    + " bytes of room, buffer has " + out.remaining());
        }
        value.copyTo(out, out.position());
        out.position(out.position() + struct.size());
    }

    @Override
    public Decoder<StructReader> newDecoder() {
        StructReader reader = struct.reader();
        WrongLength wrongLength = new WrongLength(struct);
        return payload -> {
            if (payload.remaining() != struct.size()) {
                throw wrongLength.actual(payload.remaining());
            }
            return reader.wrap(payload, payload.position());
        };
    }

    /** A record of zero bytes, which every format decodes (zero numbers, empty strings, False). */
    @Override
    public Optional<ByteBuffer> samplePayload() {
        return Optional.of(ByteBuffer.allocate(struct.size()));
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
