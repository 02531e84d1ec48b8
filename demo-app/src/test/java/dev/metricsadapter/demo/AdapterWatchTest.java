package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdapterWatchTest {

  private static final List<String> PODS = List.of("a", "b");
  private static final TableFormat TABLE =
      new TableFormat(PODS, new HpaRule(Quantity.parse("10"), 0.1, 1, 10), 2);

  /** A clock that only moves when slept on, or when a reading takes time. */
  private static final class FakeTicker implements AdapterWatch.Ticker {
    long now = 1_000_000_000L;
    final List<Long> sleptUntil = new ArrayList<>();

    @Override
    public long nanos() {
      return now;
    }

    @Override
    public void sleepUntil(long nanos) {
      sleptUntil.add(nanos - 1_000_000_000L);
      now = Math.max(now, nanos);
    }

    void advance(Duration d) {
      now += d.toNanos();
    }
  }

  private final FakeTicker ticker = new FakeTicker();
  private final Deque<MetricReading> readings = new ArrayDeque<>();
  private final List<String> out = new ArrayList<>();
  private final AdapterWatch watch = new AdapterWatch(readings::removeFirst, ticker, out::add);

  private static MetricReading values(String... pods) {
    Map<String, Quantity> byPod = new HashMap<>();
    for (String pod : pods) {
      byPod.put(pod, Quantity.parse("10"));
    }
    return new MetricReading.Values(byPod);
  }

  private static long seconds(long nanos) {
    return TimeUnit.NANOSECONDS.toSeconds(nanos);
  }

  @Test
  void awaitPollsEverySecondUntilEveryPodHasAValue() throws InterruptedException {
    readings.add(new MetricReading.Failure("HTTP 404 NotFound: no such metric"));
    readings.add(values("a"));
    readings.add(values("a", "b"));

    assertTrue(watch.awaitValues(PODS, Duration.ofMinutes(2)));

    assertEquals(
        List.of(1L, 2L), ticker.sleptUntil.stream().map(AdapterWatchTest::seconds).toList());
    assertEquals(List.of("The adapter serves a value for every pod (a, b) after 2s."), out);
  }

  @Test
  void awaitGivesUpAtTheDeadlineWithTheLastAnswer() throws InterruptedException {
    readings.add(values());
    readings.add(values("b"));
    readings.add(values("b"));
    readings.add(
        new MetricReading.Failure("cannot read https://127.0.0.1:1/apis/x: Connection refused"));

    assertFalse(watch.awaitValues(PODS, Duration.ofMillis(2500)));

    assertEquals(
        List.of(1000L, 2000L, 2500L),
        ticker.sleptUntil.stream().map(n -> TimeUnit.NANOSECONDS.toMillis(n)).toList());
    assertEquals(
        List.of(
            "No value for a, b within 2.5s; the adapter's last answer: cannot read"
                + " https://127.0.0.1:1/apis/x: Connection refused"),
        out);
  }

  @Test
  void awaitNamesThePodsWithoutValue() throws InterruptedException {
    readings.add(values("b", "c"));
    readings.add(values("b", "c"));
    assertFalse(watch.awaitValues(PODS, Duration.ofMillis(1)));
    assertEquals(
        List.of("No value for a within 1ms; the adapter's last answer: values for b, c"), out);
  }

  @Test
  void theTablePrintsNowAndEveryTickUntilTheRunHasEndedThenOnceMore() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      readings.add(values("a", "b"));
    }
    Deque<Boolean> running = new ArrayDeque<>(List.of(true, true, true, false));

    watch.table(TABLE, () -> OptionalDouble.of(12), Duration.ofSeconds(5), running::removeFirst);

    assertEquals(
        List.of(5L, 10L, 15L), ticker.sleptUntil.stream().map(AdapterWatchTest::seconds).toList());
    assertEquals(4, out.size(), out.toString());
    assertEquals(
        "t=0s  load=12 rps  a=10.0 b=10.0  avg=10.00/pod (target 10)  HPA wants 2 replicas",
        out.get(0));
    assertTrue(out.get(3).startsWith("t=15s  load=12 rps  a=10.0 b=10.0"), out.get(3));
  }

  @Test
  void aSlowReadingSkipsTheTicksItMissed() throws InterruptedException {
    readings.add(values("a", "b"));
    readings.add(new MetricReading.Failure("slow"));
    readings.add(values("a", "b"));
    Deque<Boolean> running = new ArrayDeque<>(List.of(true, true, false));
    AdapterWatch slowOnce =
        new AdapterWatch(
            () -> {
              MetricReading next = readings.removeFirst();
              if (next instanceof MetricReading.Failure) {
                ticker.advance(Duration.ofSeconds(12));
              }
              return next;
            },
            ticker,
            out::add);

    slowOnce.table(TABLE, OptionalDouble::empty, Duration.ofSeconds(5), running::removeFirst);

    // The reading at 5s took until 17s: the next line is at 20s, not at 10s and 15s.
    assertEquals(
        List.of(5L, 20L), ticker.sleptUntil.stream().map(AdapterWatchTest::seconds).toList());
    assertEquals("t=5s  load=- rps  adapter: slow", out.get(1));
    assertTrue(out.get(2).startsWith("t=20s  "), out.get(2));
  }
}
