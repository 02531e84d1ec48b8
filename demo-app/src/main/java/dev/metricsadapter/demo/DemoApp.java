package dev.metricsadapter.demo;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import io.vertx.core.Vertx;

/**
 * Entry point of the demo service. Reads its listening port from {@code --port=N} or the {@code
 * PORT} environment variable (default 8080) and serves until the JVM is asked to stop.
 */
public final class DemoApp {

  private static final int DEFAULT_PORT = 8080;

  private DemoApp() {}

  public static void main(String[] args) {
    int port = port(args);
    CollectorRegistry registry = new CollectorRegistry();
    DefaultExports.register(registry);
    Vertx vertx = Vertx.vertx();
    DemoServer server = new DemoServer(vertx, registry);
    server
        .listen(port)
        .onSuccess(actual -> System.out.println("demo-app listening on port " + actual))
        .onFailure(
            failure -> {
              System.err.println("demo-app: cannot listen on port " + port + ": " + failure);
              vertx.close();
              System.exit(1);
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> vertx.close().toCompletionStage().toCompletableFuture().join(),
                "demo-app-shutdown"));
  }

  private static int port(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--port=")) {
        return Integer.parseInt(arg.substring("--port=".length()));
      }
    }
    String fromEnv = System.getenv("PORT");
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_PORT : Integer.parseInt(fromEnv.trim());
  }
}
