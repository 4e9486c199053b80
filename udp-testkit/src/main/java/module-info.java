/**
 * Test support for codec authors: {@link io.udpkit.testkit.CodecContract}, the behaviour every
 * codec promises as JUnit tests a codec module inherits, and
 * {@link io.udpkit.testkit.PythonProcess}, which runs CPython oracle scripts and skips the test
 * when CPython is absent.
 */
module io.udpkit.testkit {
    requires transitive io.udpkit.core;
    requires transitive org.junit.jupiter.api;

    exports io.udpkit.testkit;
}
