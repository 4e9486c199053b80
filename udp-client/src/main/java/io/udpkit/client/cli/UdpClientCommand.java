package io.udpkit.client.cli;

import io.udpkit.cli.CodecsCommand;
import io.udpkit.cli.Launcher;
import io.udpkit.cli.ManifestVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code udp-client}: sends datagrams to a UDP server, and packs and unpacks struct records. */
@Command(name = "udp-client", mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        subcommands = {SendCommand.class, LoadCommand.class, PackCommand.class, UnpackCommand.class, CodecsCommand.class},
        description = "Sends UDP datagrams (text, or values packed with a codec) and packs or "
                + "unpacks Python struct records.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:runtime failure (no reply in time, network error)",
            "2:usage error (bad option, JSON, hex or value)"})
public final class UdpClientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Created by picocli. */
    public UdpClientCommand() {
    }

    /**
     * Runs the launcher.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Launcher.run(new UdpClientCommand(), args));
    }

    /**
     * Without a subcommand there is nothing to do: a usage error.
     *
     * @return never returns normally
     */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command: send, load, pack, unpack or codecs");
    }
}
