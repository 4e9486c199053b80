package io.udpkit.server;

import java.nio.ByteBuffer;

/**
 * What a {@link UdpServer} sends back for each datagram it receives, decoded or not. A reply is
 * never larger than the datagram it answers.
 */
public enum ReplyPolicy {

    /** Sends the datagram back unchanged. */
    ECHO,

    /**
     * Sends back CPython's {@code data.strip().upper()} on bytes: ASCII whitespace
     * ({@code b' \t\n\r\x0b\x0c'}) removed from both ends and ASCII {@code a-z} upper-cased; every
     * other byte is kept as it is ({@code b' hello world\n'} becomes {@code b'HELLO WORLD'}).
     */
    UPPER,

    /** Sends nothing. */
    NONE;

    /**
     * Writes {@code strip().upper()} of {@code request}'s position..limit into {@code reply} at its
     * position, reading the request by absolute index (its position and limit are left alone).
     */
    static void stripUpper(ByteBuffer request, ByteBuffer reply) {
        int from = request.position();
        int to = request.limit();
        while (from < to && isPythonWhitespace(request.get(from))) {
            from++;
        }
        while (to > from && isPythonWhitespace(request.get(to - 1))) {
            to--;
        }
        for (int i = from; i < to; i++) {
            byte b = request.get(i);
            reply.put(b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b);
        }
    }

    /** The bytes CPython's {@code bytes.strip()} removes: space, \t, \n, \r, \v (0x0b), \f (0x0c). */
    private static boolean isPythonWhitespace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
