package dev.metricsadapter;

import dev.metricsadapter.app.Adapter;
import dev.metricsadapter.app.CheckDryRun;
import dev.metricsadapter.app.OneShotExplainer;
import dev.metricsadapter.cli.ServeCommand;
import dev.metricsadapter.cli.ServeOptions;
import dev.metricsadapter.failure.AdapterException;
import dev.metricsadapter.observability.Logging;
import dev.metricsadapter.rules.RuleConfigException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: parses the command line ({@code cli}) and hands the validated options to the
 * assemblies of {@code app}: {@link Adapter} for serving, {@link CheckDryRun} for {@code check},
 * {@link OneShotExplainer} for {@code explain}.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.exit(
        ServeCommand.commandLine(Main::serve, CheckDryRun::open, new OneShotExplainer())
            .execute(args));
  }

  /** Serves until the JVM shuts down; returns 1 if the adapter cannot start. */
  static int serve(ServeOptions options) {
    Logging.configure(options.logging().format(), options.logging().level());
    Adapter adapter;
    try {
      adapter = Adapter.start(options);
    } catch (RuleConfigException e) {
      System.err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException | IllegalStateException | AdapterException e) {
      // Their messages say what failed and where; a stack trace would only bury that.
      LOG.error("cannot start: {}", e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      LOG.error("cannot start: {}", e.getMessage(), e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  adapter.close();
                  stopped.countDown();
                },
                "metrics-adapter-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
