package io.udpkit.codec.struct;

import java.util.ArrayList;

/**
 * The mutable list {@link Struct#unpack} returns: an {@link ArrayList} that prints as CPython
 * prints the tuple, {@code (1, b'ab', 2, 3, 3, 2.5)}, rather than {@code [1, [B@372f7a8d, ...]}.
 */
final class UnpackedValues extends ArrayList<Object> {

    private static final long serialVersionUID = 1L;

    UnpackedValues(int capacity) {
        super(capacity);
    }

    /**
     * The values as Python prints the tuple {@code struct.unpack} returns.
     *
     * @return e.g. {@code (1, b'ab', 2, 3, 3, 2.5)}
     */
    @Override
    public String toString() {
        return PythonLiterals.tupleRepr(this);
    }
}
