package io.udpkit.cli;

import io.udpkit.core.CodecRegistry;
import io.udpkit.core.spi.CodecProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code codecs}: lists the codecs found on the class path, one per line with a description. */
@Command(name = "codecs", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Lists the codecs found on the class path, with what their spec means.")
public final class CodecsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Created by picocli. */
    public CodecsCommand() {
    }

    /**
     * Prints {@code name  description} for every installed codec provider, sorted by name.
     *
     * @return 0
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CodecProvider> providers = CodecRegistry.installed().providers();
        int width = 0;
        for (CodecProvider provider : providers) {
            width = Math.max(width, provider.name().length());
        }
        for (CodecProvider provider : providers) {
            out.printf("%-" + width + "s  %s%n", provider.name(), provider.description());
        }
        out.flush();
        return 0;
    }
}
