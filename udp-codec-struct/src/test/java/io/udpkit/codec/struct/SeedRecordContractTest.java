package io.udpkit.codec.struct;

import java.math.BigInteger;
import java.util.List;

/** The seed record in network order. */
class SeedRecordContractTest extends StructContractBase {
    SeedRecordContractTest() {
        super("! I 2s Q 2h f");
    }

    @Override
    protected List<List<Object>> records() {
        return List.of(
                List.of(0L, new byte[2], 0L, 0L, 0L, 0.0),
                List.of(4_294_967_295L, new byte[] {'h', 'i'}, 123L, 32767L, -32768L, 1.5),
                List.of(1L, new byte[] {0, (byte) 0xFF},
                        new BigInteger("18446744073709551615"), -1L, 1L,
                        (double) Float.MAX_VALUE),
                List.of(7L, new byte[] {'a', 0}, Long.MAX_VALUE, 0L, 0L,
                        Double.NEGATIVE_INFINITY));
    }
}
