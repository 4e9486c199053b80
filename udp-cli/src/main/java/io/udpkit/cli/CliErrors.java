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
 * code 2 for a usage error (bad option or value), 1 for a failure while running.
 */
public final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code of a failure while running (address in use, no reply, I/O error). */
    public static final int RUNTIME_FAILURE = 1;

    /** Exit code of bad command-line input. */
    public static final int USAGE_ERROR = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    private CliErrors() {
    }

    /**
     * Creates the command line for a launcher with the error handlers installed and enum values
     * accepted in any case ({@code --reply echo}).
     *
     * @param command the top-level command object
     * @return a command line ready to {@code execute}
     */
    public static CommandLine commandLine(Object command) {
        CliErrors handler = new CliErrors();
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(handler)
                .setExecutionExceptionHandler(handler);
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

    private static void printError(CommandLine command, String message) {
        CommandLine top = command;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        PrintWriter err = command.getErr();
        err.println(top.getCommandName() + ": " + message);
        err.flush();
    }

    /** The exception's message, or its type for the odd exception that has none. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
