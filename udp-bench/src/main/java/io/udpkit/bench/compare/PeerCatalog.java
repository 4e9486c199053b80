package io.udpkit.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers and ping clients of a comparison, as commands: C programs by path, Java peers as
 * fresh JVMs on this run's class path (so every JVM peer starts cold, with its own JIT), the
 * Python peer through the interpreter.
 */
final class PeerCatalog {

    private PeerCatalog() {
    }

    /**
     * Every peer this machine can run, in {@link Compare#PEER_NAMES} order.
     *
     * @param jfrDir where JVM peers write a Java Flight Recording each ({@code <peer>-<role>.jfr},
     *               the last run's), or {@code null} for none
     */
    static List<Peer> peers(PeerPrograms programs, Path jfrDir) {
        JavaLauncher jvm = new JavaLauncher(jfrDir);
        List<Peer> peers = new ArrayList<>();
        programs.sink().ifPresent(sink -> {
            peers.add(new Peer("c-recvfrom", "C: one recvfrom per datagram",
                    List.of(sink.toString(), "recvfrom"), List.of(), List.of()));
            peers.add(new Peer("c-recvmmsg", "C: recvmmsg, up to 64 datagrams per call",
                    List.of(sink.toString(), "recvmmsg"), List.of(), List.of()));
            peers.add(new Peer("c", "C echo server: recvfrom + sendto",
                    List.of(), List.of(sink.toString(), "echo"), List.of()));
        });
        peers.add(new Peer("jdk", "plain JDK: blocking DatagramChannel.receive into a direct buffer",
                jvm.command("jdk", "JdkPeer", "sink"), jvm.command("jdk", "JdkPeer", "echo"), List.of()));
        peers.add(new Peer("netty", "Netty 4.2 epoll, defaults (one recvmsg per datagram)",
                jvm.command("netty", "NettyPeer", "sink"), jvm.command("netty", "NettyPeer", "echo"), List.of("plain")));
        peers.add(new Peer("netty-recvmmsg", "Netty 4.2 epoll with MAX_DATAGRAM_PAYLOAD_SIZE: recvmmsg, 64 per call",
                jvm.command("netty-recvmmsg", "NettyPeer", "sink"), List.of(), List.of("recvmmsg")));
        programs.pythonScript().ifPresent(script -> peers.add(new Peer("python",
                "CPython: blocking socket.recvfrom + struct.unpack",
                List.of(programs.python(), script.toString(), "sink"),
                List.of(programs.python(), script.toString(), "echo"), List.of())));
        peers.add(new Peer("udpkit", "udpkit: UdpEndpoint.serve with the struct codec's zero-allocation decoder",
                jvm.command("udpkit", "UdpkitPeer", "sink"), jvm.command("udpkit", "UdpkitPeer", "echo"), List.of()));
        return peers;
    }

    /** The ping clients: C when it was built, then udpkit's own (recorded like the peers). */
    static List<PingClient> clients(PeerPrograms programs, Path jfrDir) {
        JavaLauncher jvm = new JavaLauncher(jfrDir);
        List<PingClient> clients = new ArrayList<>();
        programs.ping().ifPresent(ping -> clients.add(new PingClient("c", List.of(ping.toString()))));
        clients.add(new PingClient("udpkit", jvm.command("udpkit", "UdpkitPingClient", "client")));
        return clients;
    }

    /** Builds the command of a fresh JVM running one of this package's main classes. */
    private record JavaLauncher(Path jfrDir) {

        /** The JVM command for {@code mainClass}; {@code role} is its first argument unless "client". */
        List<String> command(String peer, String mainClass, String role) {
            List<String> command = new ArrayList<>(List.of(executable()));
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

        private static String executable() {
            return ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
    }
}
