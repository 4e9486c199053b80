package io.udpkit.transport.batch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Where {@code recvmmsg} puts each message's bytes. A slot must hold the largest datagram
 * accepted ({@code maxDatagramSize}, 64 KiB by default), but most datagrams are far smaller, and
 * 64 slots of 64 KiB put every message of a batch on pages of its own: the kernel's copy of each
 * message then costs a TLB miss. Measured on the batch path under a CPU quota (BENCHMARKS.md
 * §6.7): 64 KiB slots cost about 150 ns of system time per datagram more than 2 KiB slots.
 *
 * <p>So when slots are large, each message gets two {@code iovec}s: a small slot
 * ({@value #SMALL} bytes), packed beside the other messages' small slots, and the rest of a large
 * slot of its own. A datagram that fits the small slot touches only that; a larger one fills the
 * small slot and runs on into the large slot, and {@link #assemble} then copies the head into the
 * large slot's first {@value #SMALL} bytes, so every payload is one contiguous view. When slots are
 * small anyway ({@code maxDatagramSize} at most {@value #SPLIT_ABOVE}), one {@code iovec} each.
 */
final class ReceiveSlots {

    /** The small slot of a split layout. */
    static final int SMALL = 2048;

    /** Slots up to this size are not split. */
    static final int SPLIT_ABOVE = 4096;

    private final int slot;
    private final boolean split;
    private final MemorySegment small;
    private final MemorySegment large;
    private final ByteBuffer[] smallViews;
    private final ByteBuffer[] largeViews;

    /**
     * Allocates the slots of {@code count} messages of up to {@code slot} bytes from
     * {@code arena}.
     */
    ReceiveSlots(Arena arena, int count, int slot) {
        this.slot = slot;
        this.split = slot > SPLIT_ABOVE;
        int smallSize = split ? SMALL : slot;
        small = arena.allocate((long) smallSize * count, 8);
        large = split ? arena.allocate((long) slot * count, 8) : null;
        smallViews = new ByteBuffer[count];
        largeViews = split ? new ByteBuffer[count] : null;
        for (int i = 0; i < count; i++) {
            smallViews[i] = small.asSlice((long) i * smallSize, smallSize).asByteBuffer()
                    .asReadOnlyBuffer();
            if (split) {
                largeViews[i] = large.asSlice((long) i * slot, slot).asByteBuffer()
                        .asReadOnlyBuffer();
            }
        }
    }

    /** {@code iovec}s per message: 1, or 2 when split. */
    int iovecsPerMessage() {
        return split ? 2 : 1;
    }

    /** Writes message {@code i}'s {@code iovec}s at {@code at} in {@code iov}. */
    void describe(int i, MemorySegment iov, long at) {
        if (!split) {
            iov.set(ADDRESS, at, small.asSlice((long) i * slot, slot));
            iov.set(JAVA_LONG, at + 8, slot);
            return;
        }
        iov.set(ADDRESS, at, small.asSlice((long) i * SMALL, SMALL));
        iov.set(JAVA_LONG, at + 8, SMALL);
        iov.set(ADDRESS, at + Libc.IOVEC_SIZE, large.asSlice((long) i * slot + SMALL, slot - SMALL));
        iov.set(JAVA_LONG, at + Libc.IOVEC_SIZE + 8, slot - SMALL);
    }

    /** Makes message {@code i}'s {@code length} bytes contiguous, after the kernel filled it. */
    void assemble(int i, int length) {
        if (split && length > SMALL) {
            MemorySegment.copy(small, (long) i * SMALL, large, (long) i * slot, SMALL);
        }
    }

    /** The view holding message {@code i}'s bytes, once {@link #assemble assembled}. */
    ByteBuffer view(int i, int length) {
        return split && length > SMALL ? largeViews[i] : smallViews[i];
    }

    /** Copies message {@code from}'s {@code length} assembled bytes to message {@code to}. */
    void move(int from, int to, int length) {
        if (!split) {
            MemorySegment.copy(small, (long) from * slot, small, (long) to * slot,
                    Math.min(length, slot));
        } else if (length <= SMALL) {
            MemorySegment.copy(small, (long) from * SMALL, small, (long) to * SMALL, length);
        } else {
            MemorySegment.copy(large, (long) from * slot, large, (long) to * slot,
                    Math.min(length, slot));
        }
    }
}
