package io.udpkit.testkit;

import io.udpkit.core.Codec;
import io.udpkit.core.codec.RawCodec;
import java.nio.ByteBuffer;
import java.util.List;

/** {@link RawCodec} against the codec contract: any bytes, including none, are a value. */
class RawCodecContractTest extends CodecContract<ByteBuffer> {

    @Override
    protected Codec<ByteBuffer> codec() {
        return RawCodec.INSTANCE;
    }

    @Override
    protected List<ByteBuffer> samples() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        return List.of(ByteBuffer.wrap(new byte[] {0}), ByteBuffer.wrap(new byte[] {(byte) 0xFF}),
                ByteBuffer.wrap(everyByte), ByteBuffer.wrap(new byte[4000]));
    }

    /** An empty datagram is a valid raw payload. */
    @Override
    protected boolean emptyPayloadIsValid() {
        return true;
    }

    /** Every prefix of raw bytes is itself raw bytes. */
    @Override
    protected boolean prefixesAreInvalid(ByteBuffer sample) {
        return false;
    }
}
