/**
 * The plumbing that udpkit's launchers ({@code udp-server}, {@code udp-client}) share: the error
 * contract and exit codes ({@link io.udpkit.cli.CliErrors}), the stderr logging layout
 * ({@link io.udpkit.cli.CliLogging}), {@code --version} from the jar manifest, clean stops on
 * SIGINT/SIGTERM and the {@code codecs} command.
 *
 * <p>A module for command-line programs, not a library API: {@code CliLogging} replaces logback's
 * configuration, which an application embedding udpkit would not want.
 */
module io.udpkit.cli {
    requires transitive info.picocli;
    requires io.udpkit.core;
    requires org.slf4j;
    // Configured only when it is SLF4J's backend; resolved through SLF4J's service binding.
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    // sun.misc.Signal, reached by reflection for a clean exit on SIGTERM.
    requires jdk.unsupported;

    exports io.udpkit.cli;

    opens io.udpkit.cli to info.picocli;
}
