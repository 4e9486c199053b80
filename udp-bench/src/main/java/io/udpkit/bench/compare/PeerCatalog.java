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

    /** Every peer this machine can run, in {@link Compare#PEER_NAMES} order. */
    static List<Peer> peers(PeerPrograms programs) {
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
                java("JdkPeer", "sink"), java("JdkPeer", "echo"), List.of()));
        peers.add(new Peer("netty", "Netty 4.2 epoll, defaults (one recvmsg per datagram)",
                java("NettyPeer", "sink"), java("NettyPeer", "echo"), List.of("plain")));
        peers.add(new Peer("netty-recvmmsg", "Netty 4.2 epoll with MAX_DATAGRAM_PAYLOAD_SIZE: recvmmsg, 64 per call",
                java("NettyPeer", "sink"), List.of(), List.of("recvmmsg")));
        programs.pythonScript().ifPresent(script -> peers.add(new Peer("python",
                "CPython: blocking socket.recvfrom + struct.unpack",
                List.of(programs.python(), script.toString(), "sink"),
                List.of(programs.python(), script.toString(), "echo"), List.of())));
        peers.add(new Peer("udpkit", "udpkit: UdpEndpoint.serve with the struct codec's zero-allocation decoder",
                java("UdpkitPeer", "sink"), java("UdpkitPeer", "echo"), List.of()));
        return peers;
    }

    /** The ping clients: C when it was built, then udpkit's own. */
    static List<PingClient> clients(PeerPrograms programs) {
        List<PingClient> clients = new ArrayList<>();
        programs.ping().ifPresent(ping -> clients.add(new PingClient("c", List.of(ping.toString()))));
        clients.add(new PingClient("udpkit", java("UdpkitPingClient")));
        return clients;
    }

    private static List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                PeerCatalog.class.getPackageName() + "." + mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
