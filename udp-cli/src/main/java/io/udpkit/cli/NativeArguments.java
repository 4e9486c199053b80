package io.udpkit.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments as the UTF-8 the user typed, whatever the locale.
 *
 * <p>The {@code java} launcher decodes {@code argv} with the platform encoding
 * ({@code sun.jnu.encoding}), which under {@code LANG=C} is ASCII on JDK 17 and later alike and
 * cannot be changed from the command line: {@code --message 'é😀'} reached the program as six
 * replacement characters. Python reads such arguments as UTF-8 (PEP 538/540), and so does this
 * class: when the platform encoding is not UTF-8 and an argument is not plain ASCII, it reads the
 * raw bytes from {@code /proc/self/cmdline} (whose last entries are the program's arguments),
 * checks that they line up with what the launcher decoded, and decodes them as strict UTF-8.
 * Where any of that fails (no {@code /proc}, not UTF-8), the launcher's strings are kept.
 */
final class NativeArguments {

    static final Path PROC_SELF_CMDLINE = Paths.get("/proc/self/cmdline");

    private NativeArguments() {
    }

    /**
     * The arguments, re-read as UTF-8 where the launcher could not decode them.
     *
     * @param args what {@code main} received
     * @return {@code args} itself, or a copy with the non-ASCII arguments re-decoded
     */
    static String[] recover(String[] args) {
        String platform = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (platform.equalsIgnoreCase("UTF-8") || platform.equalsIgnoreCase("UTF8")
                || allPlainAscii(args)) {
            return args;
        }
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(PROC_SELF_CMDLINE);
        } catch (IOException | SecurityException e) {
            return args;
        }
        return recover(args, cmdline);
    }

    /** {@link #recover(String[])} with the raw command line given, for tests. */
    static String[] recover(String[] args, byte[] cmdline) {
        List<byte[]> entries = split(cmdline);
        if (entries.size() < args.length) {
            return args;
        }
        List<byte[]> tail = entries.subList(entries.size() - args.length, entries.size());
        String[] recovered = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (isAscii(args[i]) && !args[i].contains("?")) {
                continue;
            }
            byte[] raw = tail.get(i);
            if (!asciiSkeleton(raw).equals(asciiSkeleton(args[i]))) {
                return args; // not the same argument list: keep what the launcher gave
            }
            try {
                recovered[i] = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                // Not UTF-8: keep the launcher's reading.
            }
        }
        return recovered;
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                byte[] entry = new byte[i - start];
                System.arraycopy(cmdline, start, entry, 0, entry.length);
                entries.add(entry);
                start = i + 1;
            }
        }
        return entries;
    }

    /** The ASCII characters other than '?', which survive any launcher decoding unchanged. */
    private static String asciiSkeleton(byte[] raw) {
        StringBuilder kept = new StringBuilder(raw.length);
        for (byte b : raw) {
            if (b > 0 && b != '?') {
                kept.append((char) b);
            }
        }
        return kept.toString();
    }

    private static String asciiSkeleton(String decoded) {
        StringBuilder kept = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c > 0 && c < 0x80 && c != '?') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** ASCII without '?', which some decoders put for a byte they cannot map. */
    private static boolean allPlainAscii(String[] args) {
        for (String arg : args) {
            if (!isAscii(arg) || arg.indexOf('?') >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
