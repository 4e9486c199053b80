package io.udpkit.client.cli;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.CodecRegistry;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Creates the codec a command asked for by name, turning a bad name or spec into a usage error. */
final class StructCodecs {

    private StructCodecs() {
    }

    /** The codec {@code name} with {@code spec}; {@code option} names the flag in the message. */
    static Codec<?> create(CommandLine command, String name, String spec, String option) {
        try {
            return CodecRegistry.installed().create(name, spec == null ? "" : spec);
        } catch (CodecException e) {
            throw new ParameterException(command, "bad " + option + ": " + e.getMessage());
        }
    }
}
