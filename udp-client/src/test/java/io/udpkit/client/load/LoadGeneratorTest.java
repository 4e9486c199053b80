package io.udpkit.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The load generator against in-process UdpEndpoint servers on 127.0.0.1. */
class LoadGeneratorTest {

    @Test
    void fixedRateAgainstEchoServerSendsRateTimesDurationAndGetsEveryReply() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[22])
                    .ratePerSecond(2000).duration(Duration.ofMillis(1500)).expectReply(true).build();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
            }
            // The schedule fixes the count: datagram k is due at k / rate, k < rate * duration.
            assertEquals(3000, report.sent(), report.toJson());
            assertEquals(0, report.sendErrors());
            assertEquals(3000, report.replies(), report.toJson());
            assertEquals(0, report.lost());
            assertEquals(0, report.inFlight());
            assertEquals(0, report.unmatchedReplies());
            assertTrue(report.finished());
            assertFalse(report.stoppedEarly());
            assertTrue(report.hasRtt());
            assertTrue(report.rttNanos(50) > 0);
            assertTrue(report.rttNanos(50) <= report.rttNanos(99));
            assertTrue(report.rttNanos(99) <= report.rttMaxNanos());
            assertEquals(3000, server.received());
        }
    }

    @Test
    void silentServerLosesEveryRequest() throws Exception {
        try (EchoServer server = EchoServer.silent()) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[] {1, 2, 3})
                    .ratePerSecond(500).duration(Duration.ofMillis(400)).expectReply(true)
                    .replyTimeout(Duration.ofMillis(100)).build();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
            }
            assertEquals(200, report.sent());
            assertEquals(report.sent(), report.lost());
            assertEquals(0, report.replies());
            assertEquals(0, report.inFlight());
            assertEquals(1.0, report.lossRatio());
            assertFalse(report.hasRtt());
            assertThrows(IllegalStateException.class, () -> report.rttNanos(99));
        }
    }

    @Test
    void withoutExpectReplyOnlySendsAndReportsNoRtt() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[0])
                    .ratePerSecond(1000).duration(Duration.ofMillis(300)).build();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
            }
            assertEquals(300, report.sent());
            assertEquals(0, report.replies());
            assertEquals(0, report.lost());
            assertFalse(report.hasRtt());
            assertTrue(report.toJson().contains("\"rttMicros\":null"), report.toJson());
        }
    }

    @Test
    void unlimitedRateRunsForTheDurationAndMatchesEveryReply() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[8])
                    .unlimitedRate().duration(Duration.ofMillis(300)).expectReply(true).build();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
            }
            assertTrue(report.sent() > 0);
            // On loopback the socket buffers may overflow at full speed: each request is then
            // either answered or lost, never both and never left undecided.
            assertEquals(report.sent(), report.replies() + report.lost());
            assertEquals(0, report.inFlight());
            assertEquals(0, report.unmatchedReplies());
        }
    }

    @Test
    void stopEndsALongRunEarlyWithTheCountsSoFar() throws Exception {
        try (EchoServer server = EchoServer.echoing();
                LoadGenerator generator = LoadGenerator.open(LoadPlan.builder()
                        .target(server.address()).payload(new byte[4]).ratePerSecond(1000)
                        .duration(Duration.ofMinutes(10)).expectReply(true).build())) {
            CompletableFuture<LoadReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return generator.run();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (generator.snapshot().replies() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            generator.stop();
            LoadReport report = run.get(20, TimeUnit.SECONDS);
            assertTrue(report.stoppedEarly());
            assertTrue(report.replies() >= 50, "replies " + report.replies());
            assertTrue(report.sent() < 600_000, "stopped long before the 10 minutes: " + report.sent());
            assertEquals(report.sent(), report.replies() + report.lost() + report.inFlight());
        }
    }

    @Test
    void planRejectsOutOfRangeSettings() {
        LoadPlan.Builder plan = LoadPlan.builder();
        assertThrows(IllegalArgumentException.class, () -> plan.ratePerSecond(0));
        assertThrows(IllegalArgumentException.class, () -> plan.ratePerSecond(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> plan.payload(new byte[65_508]));
        assertThrows(IllegalArgumentException.class, () -> plan.duration(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> plan.duration(Duration.ofSeconds(3601)));
        assertThrows(IllegalArgumentException.class, () -> plan.replyTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, plan::build);
    }

    @Test
    void sequencedPlanCountsEachDroppedRequestEvenWhenADuplicateCoversIt() throws Exception {
        // Requests numbered 0 mod 10 get no reply; those numbered 1 mod 10 get two, upper-cased
        // and stripped as the socketserver recipe does (digits survive both). Order matching
        // would count as many replies as requests and no loss.
        try (EchoServer server = EchoServer.answering(request -> {
            long number = Long.parseLong(new String(request, 0, LoadPlan.SEQUENCE_DIGITS,
                    StandardCharsets.US_ASCII));
            byte[] reply = new String(request, StandardCharsets.ISO_8859_1).strip()
                    .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
            if (number % 10 == 0) {
                return List.of();
            }
            return number % 10 == 1 ? List.of(reply, reply) : List.of(reply);
        })) {
            byte[] payload = new byte[32];
            Arrays.fill(payload, (byte) 'x');
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(payload)
                    .sequenced(true).ratePerSecond(2000).duration(Duration.ofMillis(1000))
                    .expectReply(true).replyTimeout(Duration.ofMillis(200)).build();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
            }
            assertEquals(2000, report.sent(), report.toJson());
            assertEquals(200, report.lost(), report.toJson());
            assertEquals(1800, report.replies(), report.toJson());
            assertEquals(200, report.unmatchedReplies(), "the duplicates: " + report.toJson());
            assertEquals(0, report.inFlight());
            assertTrue(report.toJson().contains("\"matching\":\"sequence\""), report.toJson());
        }
    }

    @Test
    void sequencedPlanStampsZeroPaddedRequestNumbers() throws Exception {
        List<String> stamps = new CopyOnWriteArrayList<>();
        try (EchoServer server = EchoServer.answering(request -> {
            stamps.add(new String(request, 0, LoadPlan.SEQUENCE_DIGITS, StandardCharsets.US_ASCII)
                    + "|" + (request.length - LoadPlan.SEQUENCE_DIGITS));
            return List.of(request);
        })) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[24])
                    .sequenced(true).ratePerSecond(1000).duration(Duration.ofMillis(12))
                    .expectReply(true).build();
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                assertEquals(12, generator.run().replies());
            }
            assertEquals("00000000000000000000|4", stamps.get(0));
            assertEquals("00000000000000000011|4", stamps.get(11));
        }
    }

    @Test
    void sequencedPlanNeedsRoomForTheStamp() {
        LoadPlan.Builder plan = LoadPlan.builder()
                .target(new java.net.InetSocketAddress("127.0.0.1", 9)).payload(new byte[19])
                .sequenced(true);
        assertEquals("a sequenced payload needs at least 20 bytes, got 19",
                assertThrows(IllegalArgumentException.class, plan::build).getMessage());
    }

    @Test
    void intervalsCarryTheirOwnFiguresAndAddUpToTheRun() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[32])
                    .sequenced(true).ratePerSecond(2000).duration(Duration.ofMillis(1000))
                    .expectReply(true).build();
            List<LoadInterval> intervals = new java.util.ArrayList<>();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                CompletableFuture<LoadReport> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return generator.run();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                while (!run.isDone()) {
                    Thread.sleep(150);
                    intervals.add(generator.nextInterval());
                }
                report = run.get(30, TimeUnit.SECONDS);
                intervals.add(generator.nextInterval());
                LoadInterval empty = generator.nextInterval();
                assertEquals(0, empty.sent());
                assertEquals(0, empty.replies());
                assertFalse(empty.hasRtt(), "no reply in an empty interval, whatever came before");
            }
            long sent = 0;
            long replies = 0;
            int withSends = 0;
            for (LoadInterval interval : intervals) {
                sent += interval.sent();
                replies += interval.replies();
                withSends += interval.sent() > 0 ? 1 : 0;
                assertTrue(interval.sent() < report.sent() || intervals.size() == 1);
                assertEquals(interval.replies() > 0, interval.hasRtt());
                assertTrue(!interval.to().minus(interval.from()).isNegative());
                if (interval.hasRtt()) {
                    assertTrue(interval.rttNanos(50) <= interval.rttNanos(99));
                    assertTrue(interval.jitterNanos() >= 0);
                }
            }
            assertEquals(report.sent(), sent);
            assertEquals(report.replies(), replies);
            assertTrue(withSends >= 3, "sends spread over intervals: " + withSends);
            for (int k = 1; k < intervals.size(); k++) {
                assertEquals(intervals.get(k - 1).to(), intervals.get(k).from(), "contiguous");
            }
            assertTrue(report.jitterNanos() >= 0);
            assertTrue(report.rttMeanNanos() > 0);
        }
    }

    @Test
    void orderMatchedLossInvalidatesRoundTripsInsteadOfReportingThem() throws Exception {
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        try (EchoServer server = EchoServer.answering(request ->
                requests.incrementAndGet() % 10 == 0 ? List.of() : List.of(request))) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[] {1, 2})
                    .ratePerSecond(1000).duration(Duration.ofMillis(500)).expectReply(true)
                    .replyTimeout(Duration.ofMillis(100)).build();
            LoadReport report;
            LoadInterval rest;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
                rest = generator.nextInterval();
            }
            assertEquals(500, report.sent());
            assertEquals(50, report.lost(), report.toJson());
            assertFalse(report.hasRtt(), "450 replies came, but their round trips are wrong");
            assertTrue(report.rttInvalidReason().startsWith("round trips invalid: 50 requests were "
                    + "lost and replies are matched in send order"), report.rttInvalidReason());
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> report.rttNanos(50));
            assertEquals(report.rttInvalidReason(), refused.getMessage());
            assertTrue(report.toJson().contains("\"rttMicros\":null"), report.toJson());
            assertTrue(report.toJson().contains("\"rttInvalid\":\"round trips invalid"), report.toJson());
            assertFalse(rest.hasRtt());
            assertEquals(report.rttInvalidReason(), rest.rttInvalidReason());
        }
    }

    @Test
    void repliesThatOverflowTheClientsSocketAreCountedAsDroppedThere() throws Exception {
        // Each request is answered 30 times at once with its own 60,000 bytes; a 4 KiB receive
        // buffer holds one at a time, so the kernel drops most of them at the client's socket.
        try (EchoServer server = EchoServer.answering(request -> java.util.Collections.nCopies(30, request))) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[60_000])
                    .sequenced(true).ratePerSecond(50).duration(Duration.ofMillis(200))
                    .expectReply(true).replyTimeout(Duration.ofMillis(200)).receiveBufferSize(4096)
                    .build();
            LoadReport report;
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                report = generator.run();
            }
            assertEquals(10, report.sent());
            assertTrue(report.socketDrops() > 0, report.toJson());
            assertEquals(Math.max(0, report.lost() - report.socketDrops()), report.lostBeyondSocket());
            assertTrue(report.toJson().contains("\"socketDrops\":" + report.socketDrops()), report.toJson());
        }
    }

    @Test
    void aRunWithoutDropsPlacesEveryLossBeyondTheClientsSocket() throws Exception {
        try (EchoServer server = EchoServer.silent()) {
            LoadPlan plan = LoadPlan.builder().target(server.address()).payload(new byte[8])
                    .ratePerSecond(500).duration(Duration.ofMillis(200)).expectReply(true)
                    .replyTimeout(Duration.ofMillis(50)).build();
            try (LoadGenerator generator = LoadGenerator.open(plan)) {
                LoadReport report = generator.run();
                assertEquals(0, report.socketDrops(), report.toJson());
                assertEquals(100, report.lostBeyondSocket());
                LoadInterval interval = generator.nextInterval();
                assertEquals(100, interval.lost());
                assertEquals(1.0, interval.lossRatio());
                assertEquals(0, interval.socketDrops());
            }
        }
    }

    @Test
    void receiveBufferSizeMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> LoadPlan.builder().receiveBufferSize(-1));
        assertEquals(0, LoadPlan.builder().target(new java.net.InetSocketAddress("127.0.0.1", 9))
                .build().receiveBufferSize());
    }
}
