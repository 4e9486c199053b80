package io.udpkit.client.cli;

import io.udpkit.cli.ManifestVersion;
import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructException;
import io.udpkit.format.JsonValues;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code udp-client unpack}: prints the values of a hex struct record as a JSON array. */
@Command(name = "unpack", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Unpacks hex bytes with a Python struct format and prints the values as a "
                + "JSON array (bytes as latin-1 strings, floats as Python prints them).")
final class UnpackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FMT", required = true,
            description = "Python struct format, e.g. '! I 2s Q 2h f'.")
    private String format;

    @Option(names = "--hex", paramLabel = "HEX", required = true,
            description = "The record's bytes as hex, e.g. 00000001616200...; spaces are ignored.")
    private String hex;

    @Override
    public Integer call() {
        StructCodecs.create(spec.commandLine(), "struct", format, "--format");
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad --hex: " + e.getMessage());
        }
        Object values;
        try {
            // Struct itself rather than the codec, so errors are struct.unpack's own words.
            values = Struct.compile(format).unpack(bytes);
        } catch (StructException e) {
            throw new ParameterException(spec.commandLine(), "cannot unpack: " + StructErrors.asPython(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(JsonValues.value(values));
        out.flush();
        return 0;
    }
}
