package io.udpkit.bench.compare;

/**
 * Prints this JVM's vendor, name, version and feature release on one line, so {@code compare}
 * can record the JDK its JVM peers run on and decide whether it has the AOT cache (25+).
 */
public final class JvmVersion {

    private JvmVersion() {
    }

    /**
     * Prints {@code <feature> <vendor> <vm name> <runtime version>}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(Runtime.version().feature() + " " + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }
}
