package io.udpkit.core;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes several resources, every one of them even when some fail, and reports the first failure
 * with the later ones suppressed in it.
 */
final class CloseAll {

    private CloseAll() {
    }

    /**
     * Closes each of {@code resources} in order.
     *
     * @throws IOException the first close that failed, with later failures suppressed
     */
    static void close(Iterable<? extends Closeable> resources) throws IOException {
        IOException first = null;
        for (Closeable resource : resources) {
            try {
                resource.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
