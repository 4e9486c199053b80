package io.udpkit.server.cli;

import io.udpkit.cli.ManifestVersion;
import io.udpkit.core.SinkRegistry;
import io.udpkit.core.spi.SinkProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sinks}: lists the sinks found on the class path, one per line with a description. */
@Command(name = "sinks", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Lists the sinks found on the class path (--sink NAME), with what their spec means.")
public final class SinksCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Created by picocli. */
    public SinksCommand() {
    }

    /**
     * Prints {@code name  description} for every installed sink provider, sorted by name.
     *
     * @return 0
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SinkProvider> providers = SinkRegistry.installed().providers();
        int width = 0;
        for (SinkProvider provider : providers) {
            width = Math.max(width, provider.name().length());
        }
        for (SinkProvider provider : providers) {
            out.printf("%-" + width + "s  %s%n", provider.name(), provider.description());
        }
        out.flush();
        return 0;
    }
}
