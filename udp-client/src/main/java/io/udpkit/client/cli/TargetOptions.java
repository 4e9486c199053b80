package io.udpkit.client.cli;

import io.udpkit.core.SocketAddresses;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The server a command talks to: {@code --host} and {@code --port}, shared by {@code send} and
 * {@code load} as a picocli mixin, with their checks and one-line usage errors.
 */
final class TargetOptions {

    @Option(names = "--host", paramLabel = "H", defaultValue = "localhost",
            description = "Server host (default: ${DEFAULT-VALUE}, as IPv4 127.0.0.1).")
    private String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9999",
            description = "Server port (default: ${DEFAULT-VALUE}).")
    private int port;

    /**
     * Checks the port, so a bad one is reported before anything else is done.
     *
     * @param commandLine the command, for the usage error
     * @throws ParameterException "port out of range: N"
     */
    void checkPort(CommandLine commandLine) {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(commandLine, "port out of range: " + port);
        }
    }

    /**
     * Resolves host and port as the server launcher resolves its bind address.
     *
     * @param commandLine the command, for the usage error
     * @return the resolved target
     * @throws ParameterException "port out of range: N" or "unknown host: H"
     */
    InetSocketAddress resolve(CommandLine commandLine) {
        checkPort(commandLine);
        try {
            return SocketAddresses.resolve(host, port);
        } catch (UnknownHostException e) {
            throw new ParameterException(commandLine, "unknown host: " + host);
        }
    }
}
