package io.udpkit.codec.struct;

import java.util.Arrays;
import java.util.List;

/** Little-endian repeated codes: 16 doubles, 16 signed longs, an 8-byte string, a bool. */
class LittleEndianArraysContractTest extends StructContractBase {
    LittleEndianArraysContractTest() {
        super("< 16d 16q 8s ?");
    }

    @Override
    protected List<List<Object>> records() {
        Object[] extremes = new Object[16 + 16 + 2];
        double[] doubles = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI, -Math.E, 1e-300, 1e300,
            Double.MIN_NORMAL, 0.1, 2.5, -65507.0};
        for (int i = 0; i < 16; i++) {
            extremes[i] = doubles[i];
            extremes[16 + i] = i % 2 == 0 ? Long.MIN_VALUE + i : Long.MAX_VALUE - i;
        }
        extremes[32] = bytes(8, 0xFF);
        extremes[33] = true;
        Object[] zeros = new Object[34];
        for (int i = 0; i < 32; i++) {
            zeros[i] = i < 16 ? (Object) 0.0 : (Object) 0L;
        }
        zeros[32] = new byte[8];
        zeros[33] = false;
        return List.of(Arrays.asList(extremes), Arrays.asList(zeros));
    }
}
