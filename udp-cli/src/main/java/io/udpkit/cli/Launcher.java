package io.udpkit.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * What a launcher's {@code main} does around its command: arguments as UTF-8
 * ({@link NativeArguments}), stdout and stderr in UTF-8 whatever the locale, stdout through a
 * {@link StandardOutput} that reports write errors, and the error contract of {@link CliErrors}.
 * A command that succeeded but whose output could not be written exits 1 with one line saying
 * so, as Python's {@code BrokenPipeError} would end a script, instead of 0.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Runs {@code command} with the process's arguments and standard streams.
     *
     * @param command the top-level command object
     * @param args    what {@code main} received
     * @return the exit code for {@link System#exit}
     */
    public static int run(Object command, String... args) {
        StandardOutput out = StandardOutput.open();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        CommandLine commandLine = CliErrors.commandLine(command).setOut(out).setErr(err);
        int code = commandLine.execute(NativeArguments.recover(args));
        if (out.checkError() && code == 0) {
            CliErrors.printError(commandLine, "cannot write to stdout: "
                    + (out.failure() != null ? CliErrors.describe(out.failure()) : "write failed"));
            code = CliErrors.RUNTIME_FAILURE;
        }
        return code;
    }
}
