/**
 * Helpers for tests that run udpkit endpoints on loopback: a serve loop on a background thread,
 * a plain-socket peer, and log capture. Shipped in udp-core's test jar for other modules' tests.
 */
package io.udpkit.core.testing;
