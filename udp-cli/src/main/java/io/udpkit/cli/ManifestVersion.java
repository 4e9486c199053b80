package io.udpkit.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} for the launchers: the top command's name and udpkit's version, from the
 * jar manifest ({@code Implementation-Version}, in the shaded jars) or, on the module path, from
 * the module descriptor.
 */
public final class ManifestVersion implements IVersionProvider {

    @Spec
    private CommandSpec spec;

    /** Created by picocli. */
    public ManifestVersion() {
    }

    /**
     * Names the launcher and the version it was built as.
     *
     * @return one line, such as {@code udp-server 0.1.0}; {@code udp-server (development build)}
     *         when running from class directories, which have neither manifest nor module version
     */
    @Override
    public String[] getVersion() {
        String title = spec != null ? spec.root().name() : "udpkit";
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        if (version == null && ManifestVersion.class.getModule().getDescriptor() != null) {
            version = ManifestVersion.class.getModule().getDescriptor().rawVersion().orElse(null);
        }
        return new String[] {title + " " + (version != null ? version : "(development build)")};
    }
}
