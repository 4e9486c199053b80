package io.udpkit.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version} for the launchers: the title and version that the shaded jar's manifest
 * carries ({@code Implementation-Title}, {@code Implementation-Version}).
 */
public final class ManifestVersion implements IVersionProvider {

    /** Created by picocli. */
    public ManifestVersion() {
    }

    /**
     * Reads the manifest of the jar this class was loaded from.
     *
     * @return one line, such as {@code udp-server 0.1.0}; {@code udpkit (development build)}
     *         when running from class directories, which have no manifest
     */
    @Override
    public String[] getVersion() {
        Package own = ManifestVersion.class.getPackage();
        String title = own.getImplementationTitle();
        String version = own.getImplementationVersion();
        if (version == null) {
            return new String[] {"udpkit (development build)"};
        }
        return new String[] {(title != null ? title : "udpkit") + " " + version};
    }
}
