package io.udpkit.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Lock-step traffic for the zero-allocation tests: each sender in turn sends one undecodable
 * datagram and one record, then waits for the replies the server gives, so the kernel never drops
 * and the counts are exact. Senders take turns, which is what makes the NIO path build address
 * objects and what the batch path must not.
 */
public final class JunkAndRecords {

    private final ByteBuffer junk;
    private final ByteBuffer record;
    private final int repliesPerRound;
    private final ByteBuffer reply = ByteBuffer.allocateDirect(2048);

    /**
     * @param junkBytes       the undecodable datagram's size
     * @param recordBytes     the record's size
     * @param repliesPerRound how many datagrams of a round the server answers (1 or 2)
     */
    public JunkAndRecords(int junkBytes, int recordBytes, int repliesPerRound) {
        this.junk = ByteBuffer.allocateDirect(junkBytes);
        this.record = ByteBuffer.allocateDirect(recordBytes);
        this.repliesPerRound = repliesPerRound;
    }

    /**
     * Sends {@code rounds} rounds from every sender, in turn.
     *
     * @param senders blocking channels, bound
     * @param target  the server
     * @param rounds  how many rounds
     * @throws IOException if a send or receive fails
     */
    public void send(DatagramChannel[] senders, InetSocketAddress target, int rounds)
            throws IOException {
        for (int r = 0; r < rounds; r++) {
            for (DatagramChannel sender : senders) {
                junk.clear();
                sender.send(junk, target);
                record.clear();
                sender.send(record, target);
                for (int i = 0; i < repliesPerRound; i++) {
                    reply.clear();
                    sender.receive(reply);
                }
            }
        }
    }
}
