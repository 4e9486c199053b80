package io.udpkit.transport.batch;

import io.udpkit.core.TransportConfig;
import io.udpkit.core.spi.DatagramSocketIo;
import io.udpkit.core.spi.TransportProvider;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The {@code batch} I/O path's provider: compiled for Java 17 so that every JDK can load it, it
 * checks the JDK, OS and CPU, then reaches the FFM implementation (compiled for Java 22, in the
 * same package) through one method handle.
 *
 * <p>Registered for {@link java.util.ServiceLoader}; users do not call it.
 */
public final class BatchTransportProvider implements TransportProvider {

    private static final String IMPLEMENTATION = "io.udpkit.transport.batch.LinuxBatchSocket";

    /** Where the checks ended: {@code null} when usable, else why not. */
    private static final String UNAVAILABLE;
    private static final MethodHandle OPEN;

    static {
        String reason = platformReason();
        MethodHandle open = null;
        if (reason == null) {
            try {
                Class<?> implementation = Class.forName(IMPLEMENTATION, true,
                        BatchTransportProvider.class.getClassLoader());
                open = MethodHandles.lookup().findStatic(implementation, "open",
                        MethodType.methodType(DatagramSocketIo.class, TransportConfig.class,
                                InetSocketAddress.class, boolean.class));
            } catch (ClassNotFoundException e) {
                reason = "this build of udp-transport-batch has no FFM classes (built without a"
                        + " JDK 22+)";
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                reason = "the FFM implementation cannot start: " + e;
            }
        }
        UNAVAILABLE = reason;
        OPEN = open;
    }

    /** Public for {@link java.util.ServiceLoader}. */
    public BatchTransportProvider() {
    }

    private static String platformReason() {
        int feature = Runtime.version().feature();
        if (feature < 22) {
            return "needs JDK 22 or later for the Foreign Function and Memory API (this JVM is "
                    + Runtime.version() + ")";
        }
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "needs Linux (this is " + os + ")";
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return "needs x86_64 or aarch64, whose struct layouts it knows (this is " + arch + ")";
        }
        return nativeAccessReason();
    }

    /**
     * Native calls are restricted methods: without native access granted to this module the JVM
     * would print a warning at the first call (and refuse it when run with
     * {@code --illegal-native-access=deny}), so the path counts as unavailable until the user
     * grants it. The shaded {@code udp-server.jar} grants it in its manifest.
     */
    private static String nativeAccessReason() {
        Module module = BatchTransportProvider.class.getModule();
        try {
            Object enabled = Module.class.getMethod("isNativeAccessEnabled").invoke(module);
            if (Boolean.TRUE.equals(enabled)) {
                return null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "cannot tell whether native access is granted: " + e;
        }
        String grantee = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return "native access is not granted to it: run java with --enable-native-access="
                + grantee;
    }

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String description() {
        return "recvmmsg/sendmmsg through the Foreign Function and Memory API";
    }

    @Override
    public String unavailableReason() {
        return UNAVAILABLE;
    }

    @Override
    public DatagramSocketIo open(TransportConfig config, InetSocketAddress bind, boolean reusePort)
            throws IOException {
        if (UNAVAILABLE != null) {
            throw new IOException("io=batch is not available: " + UNAVAILABLE);
        }
        try {
            return (DatagramSocketIo) OPEN.invokeExact(config, bind, reusePort);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot open a batch socket: " + e, e);
        }
    }
}
