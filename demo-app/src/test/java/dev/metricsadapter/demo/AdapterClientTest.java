package dev.metricsadapter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AdapterClient} against a real HTTPS server on loopback, with a self-signed certificate for
 * another host name, as the demo's adapter has.
 */
class AdapterClientTest {

  private static final String PATH =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";
  private static final char[] PASSWORD = "changeit".toCharArray();

  private static SSLContext serverTls;

  private HttpsServer server;
  private ExecutorService handlers;
  private final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);

  /** A self-signed certificate for CN=metrics-adapter.example, made with the JDK's keytool. */
  @BeforeAll
  static void certificate(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=metrics-adapter.example",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, keytool.exitValue(), output);
    serverTls = tls(keystore);
  }

  private static SSLContext tls(Path keystore) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
    assertTrue(handlers.awaitTermination(10, TimeUnit.SECONDS), "handlers still running");
  }

  /** Serves {@code answers} (status, body) to successive requests of PATH, then 500s. */
  private void serve(List<Map.Entry<Integer, String>> answers) {
    BlockingQueue<Map.Entry<Integer, String>> queue = new LinkedBlockingQueue<>(answers);
    server.createContext(
        "/apis/",
        exchange -> {
          Map.Entry<Integer, String> answer = queue.poll();
          respond(
              exchange,
              answer == null ? 500 : answer.getKey(),
              answer == null ? "" : answer.getValue());
        });
    server.start();
  }

  private void respond(HttpExchange exchange, int status, String body) throws IOException {
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private AdapterClient client(int port, Duration timeout) {
    return new AdapterClient(
        new AdapterSource(
            URI.create("https://127.0.0.1:" + port), PATH, List.of("demo-app-1"), timeout));
  }

  @Test
  void readsAMetricValueListThenAStatusErrorWithABearerToken() throws InterruptedException {
    serve(
        List.of(
            Map.entry(200, AdapterAnswersTest.LIST), Map.entry(404, AdapterAnswersTest.NOT_FOUND)));
    AdapterClient client = client(server.getAddress().getPort(), Duration.ofSeconds(10));

    MetricReading first = client.read();
    MetricReading second = client.read();

    Map<String, Quantity> byPod =
        assertInstanceOf(MetricReading.Values.class, first, first.toString()).byPod();
    assertEquals(12.5, byPod.get("demo-app-1").doubleValue());
    assertEquals(2.0, byPod.get("demo-app-2").doubleValue());
    assertEquals(
        "HTTP 404 NotFound: the server could not find the metric http_requests_per_second for"
            + " pods",
        assertInstanceOf(MetricReading.Failure.class, second, second.toString()).message());
    assertEquals("Bearer x", authorizations.poll(10, TimeUnit.SECONDS));
    assertEquals("Bearer x", authorizations.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void anAnswerLaterThanTheTimeoutIsAFailure() {
    server.createContext(
        "/apis/",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, AdapterAnswersTest.LIST);
        });
    server.start();
    int port = server.getAddress().getPort();

    MetricReading reading = client(port, Duration.ofMillis(500)).read();

    assertEquals(
        "no answer from https://127.0.0.1:" + port + PATH + " within 500ms",
        assertInstanceOf(MetricReading.Failure.class, reading, reading.toString()).message());
  }

  @Test
  void noServerIsAFailureNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    MetricReading reading = client(port, Duration.ofSeconds(5)).read();

    assertEquals(
        "cannot connect to https://127.0.0.1:" + port + PATH,
        assertInstanceOf(MetricReading.Failure.class, reading, reading.toString()).message());
  }
}
