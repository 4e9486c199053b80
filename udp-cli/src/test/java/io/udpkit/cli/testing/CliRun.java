package io.udpkit.cli.testing;

import io.udpkit.cli.CliErrors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * Runs a launcher's command in this JVM, as {@code main} would but without {@code System.exit},
 * on its own thread with stdout and stderr captured. (Logs still go to the JVM's stderr.)
 */
public final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FutureTask<Integer> task;

    private CliRun(Object command, String... args) {
        CommandLine commandLine = CliErrors.commandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        task = new FutureTask<>(() -> commandLine.execute(args));
        Thread thread = new Thread(task, "cli-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code command} with {@code args}; returns at once. */
    public static CliRun start(Object command, String... args) {
        return new CliRun(command, args);
    }

    /** Runs {@code command} with {@code args} to completion (at most 30 s). */
    public static CliRun run(Object command, String... args) throws Exception {
        CliRun run = new CliRun(command, args);
        run.exitCode(30);
        return run;
    }

    /** Waits at most {@code seconds} for the command to return its exit code. */
    public int exitCode(long seconds) throws Exception {
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("command still running after " + seconds + " s; stderr: " + err, e);
        }
    }

    /** What the command printed on stdout so far. */
    public String out() {
        return out.toString();
    }

    /** What the command printed on its stderr writer so far. */
    public String err() {
        return err.toString();
    }
}
