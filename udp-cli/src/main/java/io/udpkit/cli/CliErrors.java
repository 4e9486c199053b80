package io.udpkit.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The launchers' error contract: every error is one line on stderr, never a stack trace; exit
 * code 2 for a usage error (bad option or value), 1 for a failure while running. A line longer
 * than {@value #MAX_LINE} characters (a megabyte-long bad value) is shortened in the middle.
 */
public final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code of a failure while running (address in use, no reply, I/O error). */
    public static final int RUNTIME_FAILURE = 1;

    /** Exit code of bad command-line input. */
    public static final int USAGE_ERROR = 2;

    /** The longest error message printed, in characters; longer ones keep their start and end. */
    public static final int MAX_LINE = 300;

    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    private CliErrors() {
    }

    /**
     * Creates the command line for a launcher with the error handlers installed, enum values
     * accepted in any case ({@code --reply echo}), numbers in ASCII digits only
     * ({@link AsciiNumbers}), and {@code @file} arguments taken literally: picocli would
     * otherwise replace {@code @path} by the contents of a local file, so
     * {@code send --message @secret.txt} sent the file over UDP.
     *
     * @param command the top-level command object
     * @return a command line ready to {@code execute}
     */
    public static CommandLine commandLine(Object command) {
        CliErrors handler = new CliErrors();
        CommandLine commandLine = new CommandLine(command)
                .setExpandAtFiles(false)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(handler)
                .setExecutionExceptionHandler(handler);
        return AsciiNumbers.register(commandLine);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        printError(command, oneLine(ex.getMessage()) + " (see --help)");
        return USAGE_ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        if (ex instanceof ParameterException) {
            return handleParseException((ParameterException) ex, parsed.originalArgs().toArray(String[]::new));
        }
        LOG.debug("failure", ex);
        printError(command, describe(ex));
        return RUNTIME_FAILURE;
    }

    static void printError(CommandLine command, String message) {
        CommandLine top = command;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        PrintWriter err = command.getErr();
        err.println(top.getCommandName() + ": " + message);
        err.flush();
    }

    /**
     * The exception's message on one line, shortened past {@link #MAX_LINE}, or its type for the
     * odd exception that has none.
     *
     * @param error the failure
     * @return one line of text
     */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    static String oneLine(String message) {
        String line = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (line.length() <= MAX_LINE) {
            return line;
        }
        int keepStart = MAX_LINE * 2 / 3;
        int keepEnd = MAX_LINE - keepStart;
        // Never cut a surrogate pair in two.
        if (Character.isHighSurrogate(line.charAt(keepStart - 1))) {
            keepStart--;
        }
        if (Character.isLowSurrogate(line.charAt(line.length() - keepEnd))) {
            keepEnd--;
        }
        return line.substring(0, keepStart) + "... (" + (line.length() - keepStart - keepEnd)
                + " characters left out) ..." + line.substring(line.length() - keepEnd);
    }
}
