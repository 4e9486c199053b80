package io.udpkit.client.cli;

import io.udpkit.cli.ManifestVersion;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code udp-client pack}: prints a struct record as lowercase hex, as Python's struct.pack would. */
@Command(name = "pack", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Packs a JSON array of values with a Python struct format and prints the "
                + "bytes as lowercase hex.")
final class PackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FMT", required = true,
            description = "Python struct format, e.g. '! I 2s Q 2h f'.")
    private String format;

    @Option(names = "--values", paramLabel = "JSON", required = true,
            description = "JSON array of the values, e.g. '[1, \"ab\", 2, 3, 3, 2.5]' (bytes as "
                    + "latin-1 strings).")
    private String values;

    @Override
    public Integer call() {
        Codec<?> codec = StructCodecs.create(spec.commandLine(), "struct", format, "--format");
        Object record;
        try {
            record = JsonValuesArgument.parse("struct", format, values);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ByteBuffer packed = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);
        try {
            encode(codec, record, packed);
        } catch (CodecException e) {
            throw new ParameterException(spec.commandLine(), "cannot pack: " + StructErrors.asPython(e));
        }
        packed.flip();
        byte[] bytes = new byte[packed.remaining()];
        packed.get(bytes);
        PrintWriter out = spec.commandLine().getOut();
        out.println(HexFormat.of().formatHex(bytes));
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    static void encode(Codec<?> codec, Object value, ByteBuffer out) {
        try {
            ((Codec<Object>) codec).encode(value, out);
        } catch (ClassCastException e) {
            throw new CodecException("the codec cannot encode a " + value.getClass().getName(), e);
        }
    }
}
