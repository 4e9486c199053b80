package io.udpkit.codec.struct;

import java.util.List;

/** Native mode: padding between items follows the C alignment of each code. */
class NativeAlignedContractTest extends StructContractBase {
    NativeAlignedContractTest() {
        super("@ c i b q h d ?");
    }

    @Override
    protected List<List<Object>> records() {
        return List.of(
                List.of(new byte[] {'x'}, (long) Integer.MIN_VALUE, -128L, Long.MIN_VALUE,
                        -32768L, -0.0, false),
                List.of(new byte[] {0}, (long) Integer.MAX_VALUE, 127L, Long.MAX_VALUE,
                        32767L, Double.MAX_VALUE, true));
    }
}
