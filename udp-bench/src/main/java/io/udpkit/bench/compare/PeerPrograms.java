package io.udpkit.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The non-Java programs of the comparison, unpacked from the jar into the output directory: the C
 * sender, receivers and ping client (compiled with {@code gcc -O2 -Wall -Wextra}) and the Python
 * peer script.
 *
 * @param blast        the C sender, absent without gcc
 * @param sink         the C receiver and echo server, absent without gcc
 * @param ping         the C ping-pong client, absent without gcc
 * @param pythonScript the Python peer, absent when {@code python3} does not run
 * @param python       the Python interpreter command
 * @param notes        why anything is absent, one line each
 * @param gccVersion   {@code gcc -dumpfullversion}, or {@code ""}
 * @param pythonVersion {@code python3 --version}, or {@code ""}
 */
record PeerPrograms(Optional<Path> blast, Optional<Path> sink, Optional<Path> ping,
                    Optional<Path> pythonScript, String python, List<String> notes,
                    String gccVersion, String pythonVersion) {

    private static final String RESOURCE_DIR = "/io/udpkit/bench/compare/peers/";
    private static final List<String> C_SOURCES = List.of("udp_blast.c", "udp_sink.c", "udp_ping.c");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

    /** Unpacks the sources into {@code dir} and builds what this machine can build. */
    static PeerPrograms prepare(Path dir, String python) throws IOException, InterruptedException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("build.log");
        for (String file : List.of("seed_record.h", "udp_blast.c", "udp_sink.c", "udp_ping.c", "udp_py.py")) {
            unpack(file, src.resolve(file));
        }
        List<String> notes = new ArrayList<>();

        String gccVersion = firstLine(List.of("gcc", "-dumpfullversion"), log);
        Optional<Path> blast = Optional.empty();
        Optional<Path> sink = Optional.empty();
        Optional<Path> ping = Optional.empty();
        if (gccVersion.isEmpty()) {
            notes.add("gcc not found: the C sender, C receivers and C ping client are skipped,"
                    + " so no throughput runs (install gcc to get them)");
        } else {
            List<Path> built = new ArrayList<>();
            for (String source : C_SOURCES) {
                Path program = bin.resolve(source.substring(0, source.length() - 2));
                ChildProcess.run("gcc " + source, List.of("gcc", "-O2", "-Wall", "-Wextra", "-Werror",
                        "-o", program.toString(), src.resolve(source).toString()), log, TOOL_TIMEOUT);
                built.add(program);
            }
            blast = Optional.of(built.get(0));
            sink = Optional.of(built.get(1));
            ping = Optional.of(built.get(2));
        }

        String pythonVersion = firstLine(List.of(python, "--version"), log);
        Optional<Path> script = Optional.empty();
        if (pythonVersion.isEmpty()) {
            notes.add("'" + python + "' does not run: the Python peer is skipped");
        } else {
            script = Optional.of(src.resolve("udp_py.py"));
        }
        return new PeerPrograms(blast, sink, ping, script, python, List.copyOf(notes), gccVersion, pythonVersion);
    }

    private static void unpack(String name, Path target) throws IOException {
        try (InputStream in = PeerPrograms.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("peer source missing from the class path: " + RESOURCE_DIR + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The first stdout line of {@code command}, or {@code ""} when it cannot run or fails. */
    private static String firstLine(List<String> command, Path log) throws InterruptedException {
        try {
            List<String> out = ChildProcess.run(command.get(0), command, log, TOOL_TIMEOUT);
            return out.isEmpty() ? "" : out.get(0).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
