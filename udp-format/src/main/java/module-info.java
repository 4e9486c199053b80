/**
 * Decoded values as text: Python's {@code repr} ({@link io.udpkit.format.PythonRepr}), as
 * CPython's {@code struct} recipe prints a record, and JSON ({@link io.udpkit.format.JsonValues}),
 * one compact document per value, for JSON lines.
 */
module io.udpkit.format {
    requires io.udpkit.core;
    requires io.udpkit.codec.struct;
    requires com.fasterxml.jackson.databind;

    exports io.udpkit.format;
}
