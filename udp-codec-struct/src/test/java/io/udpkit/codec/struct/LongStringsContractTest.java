package io.udpkit.codec.struct;

import java.util.List;

/** Long fixed and Pascal strings; {@code 64p} holds at most 63 bytes after its length byte. */
class LongStringsContractTest extends StructContractBase {
    LongStringsContractTest() {
        super("! 64s 64p");
    }

    @Override
    protected List<List<Object>> records() {
        return List.of(
                List.of(new byte[64], new byte[0]),
                List.of(bytes(64, 0xFF), bytes(63, 'p')),
                List.of(bytes(64, 0), bytes(1, 0)));
    }
}
