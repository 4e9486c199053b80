package io.udpkit.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers and ping clients of a comparison, as commands: C programs by path, Java peers as
 * fresh JVMs on this run's class path (so every JVM peer starts cold, with its own JIT) and on the
 * chosen JDK, the Python peer through the interpreter.
 */
final class PeerCatalog {

    /** The warm-up pass of the {@code -warmup} rows, in synthetic datagrams. */
    static final int WARMUP_DATAGRAMS = 20_000;

    /** Sender sockets for the multi-loop rows: several flows, so the kernel spreads them over the loops. */
    static final int THREADS_SENDER_SOCKETS = 8;

    private PeerCatalog() {
    }

    /**
     * Every peer this machine can run, in {@link Compare#PEER_NAMES} order.
     *
     * @param java     the JVM peers' launcher (JDK, Flight Recorder)
     * @param aotCache the AOT cache a training run made for the {@code udpkit-aot} rows, or
     *                 {@code null} when there is none (those rows are left out)
     */
    static List<Peer> peers(PeerPrograms programs, JavaLauncher java, Path aotCache) {
        List<Peer> peers = new ArrayList<>();
        programs.sink().ifPresent(sink -> {
            peers.add(new Peer("c-recvfrom", "C: one recvfrom per datagram",
                    List.of(sink.toString(), "recvfrom"), List.of(), List.of()));
            peers.add(new Peer("c-recvmmsg", "C: recvmmsg, up to 64 datagrams per call",
                    List.of(sink.toString(), "recvmmsg"), List.of(), List.of()));
            peers.add(new Peer("c-recvmmsg-from", "C: recvmmsg, up to 64 per call, with each sender's address",
                    List.of(sink.toString(), "recvmmsg-from"), List.of(), List.of()));
            peers.add(new Peer("c", "C echo server: recvfrom + sendto",
                    List.of(), List.of(sink.toString(), "echo"), List.of()));
        });
        peers.add(new Peer("jdk", "plain JDK: blocking DatagramChannel.receive into a direct buffer",
                java.command("jdk", "JdkPeer", "sink"), java.command("jdk", "JdkPeer", "echo"), List.of()));
        peers.add(new Peer("netty", "Netty 4.2 epoll, defaults (one recvmsg per datagram)",
                java.command("netty", "NettyPeer", "sink"), java.command("netty", "NettyPeer", "echo"),
                List.of("plain")));
        peers.add(new Peer("netty-recvmmsg", "Netty 4.2 epoll with MAX_DATAGRAM_PAYLOAD_SIZE: recvmmsg, 64 per call",
                java.command("netty-recvmmsg", "NettyPeer", "sink"), List.of(), List.of("recvmmsg")));
        programs.pythonScript().ifPresent(script -> peers.add(new Peer("python",
                "CPython: blocking socket.recvfrom + struct.unpack",
                List.of(programs.python(), script.toString(), "sink"),
                List.of(programs.python(), script.toString(), "echo"), List.of())));
        peers.add(udpkit(java, "udpkit", "udpkit: UdpServer, struct codec's zero-allocation decoder, defaults",
                "", true, List.of()));
        peers.add(udpkit(java, "udpkit-nio", "udpkit: UdpServer with TransportConfig io(NIO)", "io=nio", true,
                List.of()));
        peers.add(udpkit(java, "udpkit-nio-receive", "udpkit: io(NIO) with idleStrategy(RECEIVE): the loop sleeps in a"
                + " blocking receive, one recvfrom per datagram", "io=nio,idle=receive", true, List.of()));
        peers.add(udpkit(java, "udpkit-batch", "udpkit: UdpServer with TransportConfig io(BATCH): recvmmsg/sendmmsg"
                + " through FFM", "io=batch", true, List.of()));
        peers.add(udpkit(java, "udpkit-batch-2k", "udpkit: io(BATCH) with maxDatagramSize(2048): one 2 KiB iovec per"
                + " message, as the C recvmmsg loop", "io=batch,maxDatagram=2048", true, List.of()));
        Peer threads2 = udpkit(java, "udpkit-threads2", "udpkit: UdpServer with TransportConfig threads(2): two"
                + " loops on one port (SO_REUSEPORT), fed from " + THREADS_SENDER_SOCKETS + " sender sockets",
                "threads=2", true, List.of());
        peers.add(new Peer(threads2.name(), threads2.description(), threads2.sinkPrefix(), threads2.echoPrefix(),
                threads2.suffix(), THREADS_SENDER_SOCKETS, false));
        Peer everyCore = udpkit(java, "udpkit-threads2-both-cores", "udpkit: threads(2) not pinned: its loops may"
                + " run on both cores, the sender's too", "threads=2", true, List.of());
        peers.add(new Peer(everyCore.name(), everyCore.description(), everyCore.sinkPrefix(), List.of(),
                everyCore.suffix(), THREADS_SENDER_SOCKETS, true));
        peers.add(udpkit(java, "udpkit-warmup", "udpkit: UdpServer with warmup(" + WARMUP_DATAGRAMS + ")",
                "warmup=" + WARMUP_DATAGRAMS, true, List.of()));
        peers.add(udpkit(java, "udpkit-spin", "udpkit: UdpServer with idleStrategy(SPIN)", "idle=spin", false,
                List.of()));
        if (aotCache != null) {
            List<String> aot = List.of("-XX:AOTCache=" + aotCache);
            peers.add(udpkit(java, "udpkit-aot", "udpkit: JDK AOT cache from a training run (-XX:AOTCache)", "",
                    false, aot));
            peers.add(udpkit(java, "udpkit-aot-warmup", "udpkit: AOT cache and warmup(" + WARMUP_DATAGRAMS + ")",
                    "warmup=" + WARMUP_DATAGRAMS, false, aot));
        }
        return peers;
    }

    /** A udpkit row: {@link UdpkitPeer} with a variant, as a receiver too unless it only echoes. */
    private static Peer udpkit(JavaLauncher java, String name, String description, String variant, boolean sinks,
                               List<String> jvmOptions) {
        List<String> suffix = variant.isEmpty() ? List.of() : List.of(variant);
        return new Peer(name, description,
                sinks ? java.command(name, "UdpkitPeer", "sink", jvmOptions) : List.of(),
                java.command(name, "UdpkitPeer", "echo", jvmOptions), suffix);
    }

    /** The ping clients: C when it was built, then udpkit's own (recorded like the peers). */
    static List<PingClient> clients(PeerPrograms programs, JavaLauncher java) {
        List<PingClient> clients = new ArrayList<>();
        programs.ping().ifPresent(ping -> clients.add(new PingClient("c", List.of(ping.toString()))));
        clients.add(new PingClient("udpkit", java.command("udpkit", "UdpkitPingClient", "client")));
        return clients;
    }

    /**
     * Builds the command of a fresh JVM running one of this package's main classes.
     *
     * @param java   the {@code java} executable
     * @param jfrDir where JVM peers write a Java Flight Recording each ({@code <peer>-<role>.jfr},
     *               the last run's), or {@code null} for none
     */
    record JavaLauncher(String java, Path jfrDir) {

        /** The {@code java} running this harness: JVM peers use the same JDK unless told otherwise. */
        static String currentJava() {
            return ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }

        /** The JVM command for {@code mainClass}; {@code role} is its first argument unless "client". */
        List<String> command(String peer, String mainClass, String role) {
            return command(peer, mainClass, role, List.of());
        }

        /** As {@link #command(String, String, String)}, with JVM options before the class path. */
        List<String> command(String peer, String mainClass, String role, List<String> jvmOptions) {
            // FFM (the batch path) and JNI (Netty epoll) are restricted methods that JDK 22+ warns
            // about on the class path unless enabled; JDK 17 accepts the flag too.
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
            command.addAll(jvmOptions);
            if (role.equals("echo")) {
                // One line per JIT compilation, on stderr (stdout carries READY and the result,
                // which the VM's own writes could split): compare counts those made while serving.
                command.add("-XX:+PrintCompilation");
                command.add("-XX:+DisplayVMOutputToStderr");
            }
            if (jfrDir != null) {
                command.add("-XX:StartFlightRecording=settings=profile,filename="
                        + jfrDir.resolve(peer + "-" + role + ".jfr"));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    PeerCatalog.class.getPackageName() + "." + mainClass));
            if (!role.equals("client")) {
                command.add(role);
            }
            return command;
        }
    }
}
