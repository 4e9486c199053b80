package io.udpkit.client.cli;

import io.udpkit.cli.CliLogging;
import io.udpkit.cli.ManifestVersion;
import io.udpkit.client.UdpClient;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import io.udpkit.format.JsonValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code udp-client send}: sends UTF-8 text and prints the reply, or sends values packed with a
 * codec, waiting for a reply only when asked.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ManifestVersion.class,
        description = {"Sends one datagram.",
            "--message TEXT sends UTF-8 text and prints the reply as text.",
            "--format FMT --values JSON packs a record and sends it without waiting, unless "
                + "--wait-reply; the reply is then decoded with the same codec and printed as JSON.",
            "--codec json --values JSON sends the document as one UTF-8 datagram; with "
                + "--wait-reply the reply must be one JSON document too."})
final class SendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--message", paramLabel = "TEXT",
            description = "Text to send as UTF-8; waits for the reply and prints it.")
    private String message;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Python struct format for --values; shortcut for --codec struct "
                    + "--codec-spec FMT.")
    private String format;

    @Option(names = "--codec", paramLabel = "NAME",
            description = "Codec for --values, by name (see the codecs command).")
    private String codec;

    @Option(names = "--codec-spec", paramLabel = "SPEC", description = "The codec's configuration.")
    private String codecSpec;

    @Option(names = "--values", paramLabel = "JSON",
            description = "The value(s) to encode: for struct a JSON array such as "
                    + "'[1, \"ab\", 2, 3, 3, 2.5]' (bytes as latin-1 strings); for json any "
                    + "document, such as '{\"a\":1}'.")
    private String values;

    @Option(names = "--wait-reply",
            description = "With --values: wait for a reply and print it (decoded) as JSON.")
    private boolean waitReply;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to wait for a reply (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Log what is sent and received.")
    private boolean verbose;

    @Override
    public Integer call() throws IOException {
        CliLogging.configureQuiet(verbose);
        target.checkPort(spec.commandLine());
        if (!(timeoutSeconds > 0) || timeoutSeconds > 1e9) {
            throw usage("--timeout must be a positive number of seconds: " + timeoutSeconds);
        }
        Duration timeout = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
        if ((message == null) == (values == null)) {
            throw usage("give either --message TEXT or --values JSON (with --format or --codec)");
        }
        return message != null ? sendMessage(timeout) : sendValues(timeout);
    }

    private int sendMessage(Duration timeout) throws IOException {
        if (format != null || codec != null || codecSpec != null || waitReply) {
            throw usage("--message sends text and always waits for the reply; "
                    + "--format, --codec, --codec-spec and --wait-reply go with --values");
        }
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw usage("--message is " + bytes + " bytes in UTF-8; one UDP datagram carries at most "
                    + DatagramLimits.MAX_UDP_PAYLOAD);
        }
        try (UdpClient client = open(null)) {
            client.sendText(message);
            byte[] reply = client.receive(timeout);
            PrintWriter out = spec.commandLine().getOut();
            out.println(new String(reply, StandardCharsets.UTF_8));
            out.flush();
        }
        return 0;
    }

    private int sendValues(Duration timeout) throws IOException {
        if (format != null && (codecSpec != null || (codec != null && !codec.equals("struct")))) {
            throw usage("--format is a shortcut for --codec struct --codec-spec FMT; give one of them");
        }
        if (format == null && codec == null) {
            throw usage("--values needs --format FMT or --codec NAME");
        }
        String name = format != null ? "struct" : codec;
        Codec<?> chosen = StructCodecs.create(spec.commandLine(), name,
                format != null ? format : codecSpec, format != null ? "--format" : "--codec");
        Object value;
        try {
            value = JsonValuesArgument.parse(name, format != null ? format : codecSpec, values);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        ByteBuffer encoded = ByteBuffer.allocate(io.udpkit.core.DatagramLimits.MAX_UDP_PAYLOAD);
        try {
            PackCommand.encode(chosen, value, encoded);
        } catch (CodecException e) {
            throw usage("cannot encode --values: " + e.getMessage());
        }
        encoded.flip();
        try (UdpClient client = open(chosen)) {
            client.send(encoded);
            if (waitReply) {
                byte[] reply = client.receive(timeout);
                Object decoded;
                try {
                    decoded = chosen.decode(ByteBuffer.wrap(reply));
                } catch (CodecException e) {
                    throw new IOException("the reply (" + reply.length + " bytes) does not decode: "
                            + e.getMessage(), e);
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println(JsonValues.value(decoded));
                out.flush();
            }
        }
        return 0;
    }

    private UdpClient open(Codec<?> chosen) throws IOException {
        UdpClient.Builder builder = UdpClient.builder().target(target.resolve(spec.commandLine()));
        if (chosen != null) {
            builder.codec(chosen);
        }
        return builder.open();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
