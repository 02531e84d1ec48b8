package dev.metricsadapter.testing;

import dev.metricsadapter.provider.Discovery;
import dev.metricsadapter.provider.DiscoverySnapshot;
import dev.metricsadapter.resources.BuiltinResourceMapper;
import dev.metricsadapter.rules.CompiledRules;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Discovery snapshots for tests, made by the adapter's own {@link Discovery} so that their catalogs
 * cannot drift from what the adapter would serve.
 */
public final class Snapshots {

  private Snapshots() {}

  /**
   * The snapshot one discovery of {@code rules} publishes when Prometheus has {@code series} (label
   * sets, {@code __name__} included): each seriesQuery answered with the series it selects, as
   * {@link ScriptedPrometheus} selects them. Discovery runs on a Vert.x of its own, closed before
   * this returns, with a clock stopped at {@link Instant#EPOCH} (the snapshot's completion time).
   */
  public static DiscoverySnapshot of(CompiledRules rules, List<Map<String, String>> series) {
    Vertx vertx = Vertx.vertx();
    try {
      Discovery discovery =
          new Discovery(
              vertx,
              new ScriptedPrometheus().series(series),
              () -> rules,
              new BuiltinResourceMapper(),
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
              1);
      Futures.await(discovery.refresh());
      return discovery.snapshot();
    } finally {
      Futures.await(vertx.close());
    }
  }
}
