package io.udpkit.bench.compare;

/**
 * The command line every Java peer shares with the C and Python ones:
 * {@code sink|echo MAX_SECONDS RCVBUF_BYTES [variant]}.
 *
 * @param echo        {@code true} to send every record back to its sender, {@code false} to count only
 * @param maxSeconds  the loop's hard time limit, in seconds
 * @param rcvbufBytes the SO_RCVBUF to request, in bytes (0 = kernel default)
 * @param variant     a peer-specific variant name, or {@code ""}
 */
record PeerOptions(boolean echo, int maxSeconds, int rcvbufBytes, String variant) {

    /** Peers stop at the first datagram of any other length: the sender's and client's end marker. */
    static final int RECORD_SIZE = 22;

    static PeerOptions parse(String[] args) {
        if (args.length < 3 || args.length > 4 || !(args[0].equals("sink") || args[0].equals("echo"))) {
            throw new IllegalArgumentException("usage: sink|echo MAX_SECONDS RCVBUF_BYTES [variant]");
        }
        int maxSeconds = parseInt(args[1], "MAX_SECONDS");
        int rcvbuf = parseInt(args[2], "RCVBUF_BYTES");
        if (maxSeconds < 1 || maxSeconds > 3600) {
            throw new IllegalArgumentException("MAX_SECONDS out of range 1..3600: " + maxSeconds);
        }
        if (rcvbuf < 0) {
            throw new IllegalArgumentException("RCVBUF_BYTES negative: " + rcvbuf);
        }
        return new PeerOptions(args[0].equals("echo"), maxSeconds, rcvbuf, args.length == 4 ? args[3] : "");
    }

    private static int parseInt(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not an integer: " + text, e);
        }
    }
}
