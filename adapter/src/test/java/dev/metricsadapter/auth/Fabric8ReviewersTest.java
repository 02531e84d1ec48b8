package dev.metricsadapter.auth;

import static dev.metricsadapter.testing.Futures.await;
import static dev.metricsadapter.testing.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metricsadapter.auth.AccessReviewer.Decision;
import dev.metricsadapter.auth.ReviewEndpointSupport.Reply;
import dev.metricsadapter.failure.AdapterException.Kind;
import dev.metricsadapter.kube.MockKubeApi;
import dev.metricsadapter.request.RequestPath;
import dev.metricsadapter.testing.StatusJson;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Fabric8TokenReviewer} and {@link Fabric8AccessReviewer} against fabric8's mock API server
 * answering TokenReviews and SubjectAccessReviews: what they send, what they make of the answers,
 * what they cache and for how long, and how they fail.
 */
class Fabric8ReviewersTest {

  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  private static final String PODS_METRIC =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";

  private static final UserInfo HPA =
      new UserInfo(
          "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
          "hpa-uid",
          List.of("system:serviceaccounts", "system:authenticated"),
          Map.of("authentication.kubernetes.io/pod-name", List.of("kcm-0")));
  private static final UserInfo MALLORY =
      new UserInfo("mallory", "", List.of("system:authenticated"), Map.of());

  @RegisterExtension final MockKubeApi kube = new MockKubeApi();
  private KubernetesClient client;
  private WorkerExecutor workers;
  private ReviewEndpointSupport tokenReviews;
  private ReviewEndpointSupport accessReviews;

  /** Answers 500 to this many upcoming reviews (of either kind). */
  private volatile int failures;

  @BeforeEach
  void setUp() {
    tokenReviews = new ReviewEndpointSupport(this::tokenReview);
    accessReviews = new ReviewEndpointSupport(this::accessReview);
    kube.server().expect().post().withPath(TOKEN_REVIEWS).andReply(tokenReviews).always();
    kube.server().expect().post().withPath(ACCESS_REVIEWS).andReply(accessReviews).always();
    client = kube.client();
    workers = kube.workers();
  }

  // The fake API's decisions.

  private synchronized boolean failNow() {
    if (failures > 0) {
      failures--;
      return true;
    }
    return false;
  }

  private Reply tokenReview(JsonObject review) {
    if (failNow()) {
      return new Reply(500, StatusJson.failure(500, "InternalError", "etcdserver: leader changed"));
    }
    String token = review.getJsonObject("spec").getString("token");
    JsonObject status = new JsonObject();
    if (token.equals("good-token")) {
      status
          .put("authenticated", true)
          .put(
              "user",
              new JsonObject()
                  .put("username", "system:serviceaccount:demo:reader")
                  .put("uid", "0b6c1f2e")
                  .put(
                      "groups",
                      new JsonArray().add("system:serviceaccounts").add("system:authenticated"))
                  .put(
                      "extra",
                      new JsonObject()
                          .put(
                              "authentication.kubernetes.io/pod-name",
                              new JsonArray().add("reader-7d9f"))));
    } else if (token.equals("minimal-token")) {
      status.put("authenticated", true).put("user", new JsonObject().put("username", "minimal"));
    } else {
      status.put("authenticated", false).put("error", "invalid bearer token");
    }
    return new Reply(201, answer("authentication.k8s.io/v1", "TokenReview", review, status));
  }

  private Reply accessReview(JsonObject review) {
    if (failNow()) {
      return new Reply(500, StatusJson.failure(500, "InternalError", "etcdserver: leader changed"));
    }
    JsonObject spec = review.getJsonObject("spec");
    boolean allowed = !spec.getString("user").equals(MALLORY.name());
    JsonObject status =
        allowed
            ? new JsonObject()
                .put("allowed", true)
                .put("reason", "RBAC: allowed by ClusterRoleBinding \"hpa-custom-metrics\"")
            : new JsonObject().put("allowed", false).put("reason", "no RBAC policy matched");
    return new Reply(201, answer("authorization.k8s.io/v1", "SubjectAccessReview", review, status));
  }

  private static JsonObject answer(
      String apiVersion, String kind, JsonObject review, JsonObject status) {
    return new JsonObject()
        .put("apiVersion", apiVersion)
        .put("kind", kind)
        .put("metadata", new JsonObject())
        .put("spec", review.getJsonObject("spec"))
        .put("status", status);
  }

  // TokenReviews.

  @Test
  void authenticatedTokenBecomesTheUserOfTheReview() throws Exception {
    Fabric8TokenReviewer reviewer =
        new Fabric8TokenReviewer(workers, client, Duration.ofSeconds(10));

    Optional<UserInfo> user = await(reviewer.review("good-token"));

    assertEquals(
        Optional.of(
            new UserInfo(
                "system:serviceaccount:demo:reader",
                "0b6c1f2e",
                List.of("system:serviceaccounts", "system:authenticated"),
                Map.of("authentication.kubernetes.io/pod-name", List.of("reader-7d9f")))),
        user);
    assertEquals(1, tokenReviews.count());
    JsonObject sent = tokenReviews.received().get(0);
    assertEquals("TokenReview", sent.getString("kind"), sent.encode());
    assertEquals("authentication.k8s.io/v1", sent.getString("apiVersion"), sent.encode());
    assertEquals("good-token", sent.getJsonObject("spec").getString("token"), sent.encode());
  }

  @Test
  void userWithoutUidGroupsOrExtraHasEmptyOnes() throws Exception {
    Fabric8TokenReviewer reviewer =
        new Fabric8TokenReviewer(workers, client, Duration.ofSeconds(10));

    assertEquals(
        Optional.of(new UserInfo("minimal", "", List.of(), Map.of())),
        await(reviewer.review("minimal-token")));
  }

  @Test
  void unauthenticatedTokenHasNoUser() throws Exception {
    Fabric8TokenReviewer reviewer =
        new Fabric8TokenReviewer(workers, client, Duration.ofSeconds(10));

    assertEquals(Optional.empty(), await(reviewer.review("bad-token")));
  }

  @Test
  void serverErrorMakesTheTokenReviewUnavailableAndIsNotCached() throws Exception {
    Fabric8TokenReviewer reviewer =
        new Fabric8TokenReviewer(workers, client, Duration.ofSeconds(10));
    failures = 1;

    AuthException failure =
        assertInstanceOf(AuthException.class, failure(reviewer.review("good-token")));
    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals(
        "cannot review a bearer token: the Kubernetes API is unavailable", failure.getMessage());
    assertFalse(failure.getMessage().contains("good-token"), failure.getMessage());

    // Not kept for the TTL (10 s): a retry soon makes a new review. (A retry within the instant
    // between the failure reaching its caller and the cache dropping it still shares it.)
    Awaitility.await("a retry reviews the token again")
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(10))
        .ignoreExceptionsInstanceOf(ExecutionException.class)
        .until(() -> await(reviewer.review("good-token")).isPresent());
    assertEquals(2, tokenReviews.count());
  }

  @Test
  void unreachableApiMakesTheTokenReviewUnavailable() throws Exception {
    try (KubernetesClient nowhere = MockKubeApi.clientFor("http://127.0.0.1:" + closedPort())) {
      Fabric8TokenReviewer reviewer =
          new Fabric8TokenReviewer(workers, nowhere, Duration.ofSeconds(10));

      AuthException failure =
          assertInstanceOf(AuthException.class, failure(reviewer.review("good-token")));
      assertEquals(Kind.UNAVAILABLE, failure.kind());
    }
  }

  @Test
  void answersAreReusedForTheirTtl() throws Exception {
    Duration ttl = Duration.ofMillis(200);
    Fabric8TokenReviewer reviewer = new Fabric8TokenReviewer(workers, client, ttl);
    long start = System.nanoTime();

    Optional<UserInfo> first = await(reviewer.review("good-token"));
    assertEquals(Optional.empty(), await(reviewer.review("bad-token")));
    assertEquals(first, await(reviewer.review("good-token")));
    assertEquals(Optional.empty(), await(reviewer.review("bad-token")));
    assertEquals(2, tokenReviews.count(), "valid and invalid answers are both cached");

    Awaitility.await("the cached answer expires")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              assertEquals(first, await(reviewer.review("good-token")));
              return tokenReviews.count() == 3;
            });
    assertTrue(
        System.nanoTime() - start >= ttl.toNanos(), "reviewed again before the TTL was over");
  }

  @Test
  void concurrentReviewsOfOneTokenShareOneCall() throws Exception {
    Fabric8TokenReviewer reviewer =
        new Fabric8TokenReviewer(workers, client, Duration.ofSeconds(10));
    tokenReviews.hold();
    List<Future<Optional<UserInfo>>> reviews = concurrently(8, () -> reviewer.review("good-token"));
    tokenReviews.release();

    for (Future<Optional<UserInfo>> review : reviews) {
      assertEquals("system:serviceaccount:demo:reader", await(review).orElseThrow().name());
    }
    assertEquals(1, tokenReviews.count());
  }

  @Test
  void differentTokensAreReviewedSeparately() throws Exception {
    Fabric8TokenReviewer reviewer =
        new Fabric8TokenReviewer(workers, client, Duration.ofSeconds(10));

    assertTrue(await(reviewer.review("good-token")).isPresent());
    assertEquals(Optional.empty(), await(reviewer.review("good-token-but-not-quite")));
    assertEquals(2, tokenReviews.count());
  }

  // SubjectAccessReviews.

  private static RequestAttributes attributes(String path) {
    return RequestAttributes.of("GET", RequestPath.parse(path));
  }

  private JsonObject onlySpecSent() {
    assertEquals(1, accessReviews.count(), accessReviews.received().toString());
    JsonObject sent = accessReviews.received().get(0);
    assertEquals("SubjectAccessReview", sent.getString("kind"), sent.encode());
    assertEquals("authorization.k8s.io/v1", sent.getString("apiVersion"), sent.encode());
    return sent.getJsonObject("spec");
  }

  @Test
  void resourceReviewCarriesUserAndResourceAttributes() throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));

    Decision decision = await(reviewer.review(HPA, attributes(PODS_METRIC)));

    assertEquals(
        new Decision(true, "RBAC: allowed by ClusterRoleBinding \"hpa-custom-metrics\""), decision);
    JsonObject spec = onlySpecSent();
    assertEquals(HPA.name(), spec.getString("user"), spec.encode());
    assertEquals("hpa-uid", spec.getString("uid"), spec.encode());
    assertEquals(
        new JsonArray().add("system:serviceaccounts").add("system:authenticated"),
        spec.getJsonArray("groups"),
        spec.encode());
    assertEquals(
        new JsonObject().put("authentication.kubernetes.io/pod-name", new JsonArray().add("kcm-0")),
        spec.getJsonObject("extra"),
        spec.encode());
    assertEquals(
        Map.of(
            "verb", "get",
            "group", "custom.metrics.k8s.io",
            "version", "v1beta2",
            "resource", "pods",
            "subresource", "http_requests_per_second",
            "name", "*",
            "namespace", "demo"),
        resourceAttributes(spec));
    assertNull(spec.getValue("nonResourceAttributes"), spec.encode());
  }

  @Test
  void userWithoutUidSendsNoUid() throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));

    await(reviewer.review(UserInfo.ANONYMOUS, attributes(PODS_METRIC)));

    JsonObject spec = onlySpecSent();
    assertEquals("system:anonymous", spec.getString("user"), spec.encode());
    assertEquals("", spec.getString("uid", ""), spec.encode());
    assertEquals(new JsonArray().add("system:unauthenticated"), spec.getJsonArray("groups"));
  }

  /** The attribute table of wire-format.md §1 (RequestInfo to SubjectAccessReview). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/*/http_requests"
            + "|get|custom.metrics.k8s.io|v1beta2|pods|http_requests|*|default",
        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/pods/%2A/http_requests"
            + "|get|custom.metrics.k8s.io|v1beta2|pods|http_requests|*|default",
        "/apis/custom.metrics.k8s.io/v1beta1/namespaces/default/deployments.apps/web/rps"
            + "|get|custom.metrics.k8s.io|v1beta1|deployments.apps|rps|web|default",
        "/apis/custom.metrics.k8s.io/v1beta2/namespaces/default/metrics/queue_len"
            + "|get|custom.metrics.k8s.io|v1beta2|metrics|-|queue_len|default",
        "/apis/custom.metrics.k8s.io/v1beta2/nodes/node-1/load"
            + "|get|custom.metrics.k8s.io|v1beta2|nodes|load|node-1|-",
        "/apis/external.metrics.k8s.io/v1beta1/namespaces/default/s0-prometheus"
            + "|list|external.metrics.k8s.io|v1beta1|s0-prometheus|-|-|default",
        "/api/v1/namespaces/demo/pods/web-1|get|-|v1|pods|-|web-1|demo",
      })
  void resourceAttributesFollowTheRequestInfoTable(
      String path,
      String verb,
      String group,
      String version,
      String resource,
      String subresource,
      String name,
      String namespace)
      throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));

    await(reviewer.review(HPA, attributes(path)));

    Map<String, String> expected = new HashMap<>();
    expected.put("verb", verb);
    expected.put("group", orEmpty(group));
    expected.put("version", version);
    expected.put("resource", resource);
    expected.put("subresource", orEmpty(subresource));
    expected.put("name", orEmpty(name));
    expected.put("namespace", orEmpty(namespace));
    assertEquals(expected, resourceAttributes(onlySpecSent()));
  }

  @ParameterizedTest
  @CsvSource({"/apis", "/apis/custom.metrics.k8s.io", "/apis/custom.metrics.k8s.io/v1beta2"})
  void discoveryIsANonResourceReview(String path) throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));

    await(reviewer.review(UserInfo.ANONYMOUS, attributes(path)));

    JsonObject spec = onlySpecSent();
    assertEquals(
        new JsonObject().put("path", path).put("verb", "get"),
        spec.getJsonObject("nonResourceAttributes"),
        spec.encode());
    assertNull(spec.getValue("resourceAttributes"), spec.encode());
  }

  @Test
  void deniedDecisionCarriesTheReason() throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));

    assertEquals(
        new Decision(false, "no RBAC policy matched"),
        await(reviewer.review(MALLORY, attributes(PODS_METRIC))));
  }

  @Test
  void allowedAndDeniedDecisionsAreCachedForTheirOwnTtl() throws Exception {
    Duration deniedTtl = Duration.ofMillis(200);
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), deniedTtl);
    RequestAttributes pods = attributes(PODS_METRIC);
    long start = System.nanoTime();

    assertTrue(await(reviewer.review(HPA, pods)).allowed());
    assertFalse(await(reviewer.review(MALLORY, pods)).allowed());
    assertTrue(await(reviewer.review(HPA, pods)).allowed());
    assertFalse(await(reviewer.review(MALLORY, pods)).allowed());
    assertEquals(2, accessReviews.count());

    Awaitility.await("the denied decision expires")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              assertFalse(await(reviewer.review(MALLORY, pods)).allowed());
              return accessReviews.count() == 3;
            });
    assertTrue(System.nanoTime() - start >= deniedTtl.toNanos(), "reviewed again before the TTL");

    assertTrue(await(reviewer.review(HPA, pods)).allowed());
    assertEquals(3, accessReviews.count(), "the allowed decision (10 s) was not reused");
    assertEquals(
        List.of(HPA.name(), MALLORY.name(), MALLORY.name()),
        accessReviews.received().stream()
            .map(review -> review.getJsonObject("spec").getString("user"))
            .toList());
  }

  @Test
  void decisionsAreCachedPerUserAndAttributes() throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));
    UserInfo hpaInAnotherGroup =
        new UserInfo(HPA.name(), HPA.uid(), List.of("system:masters-wannabe"), HPA.extra());

    await(reviewer.review(HPA, attributes(PODS_METRIC)));
    await(reviewer.review(HPA, attributes(PODS_METRIC.replace("demo", "other"))));
    await(reviewer.review(hpaInAnotherGroup, attributes(PODS_METRIC)));
    await(reviewer.review(HPA, attributes(PODS_METRIC)));

    assertEquals(3, accessReviews.count());
  }

  @Test
  void serverErrorMakesTheAccessReviewUnavailableAndIsNotCached() throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));
    failures = 1;

    AuthException failure =
        assertInstanceOf(
            AuthException.class, failure(reviewer.review(HPA, attributes(PODS_METRIC))));
    assertEquals(Kind.UNAVAILABLE, failure.kind());
    assertEquals(
        "cannot authorize the request: the Kubernetes API is unavailable", failure.getMessage());

    // Not kept for the TTL (10 s): a retry soon makes a new review. (A retry within the instant
    // between the failure reaching its caller and the cache dropping it still shares it.)
    Awaitility.await("a retry reviews the request again")
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(10))
        .ignoreExceptionsInstanceOf(ExecutionException.class)
        .until(() -> await(reviewer.review(HPA, attributes(PODS_METRIC))).allowed());
    assertEquals(2, accessReviews.count());
  }

  @Test
  void unreachableApiMakesTheAccessReviewUnavailable() throws Exception {
    try (KubernetesClient nowhere = MockKubeApi.clientFor("http://127.0.0.1:" + closedPort())) {
      Fabric8AccessReviewer reviewer =
          new Fabric8AccessReviewer(
              workers, nowhere, Duration.ofSeconds(10), Duration.ofSeconds(10));

      AuthException failure =
          assertInstanceOf(
              AuthException.class, failure(reviewer.review(HPA, attributes(PODS_METRIC))));
      assertEquals(Kind.UNAVAILABLE, failure.kind());
    }
  }

  @Test
  void concurrentIdenticalAccessReviewsShareOneCall() throws Exception {
    Fabric8AccessReviewer reviewer =
        new Fabric8AccessReviewer(workers, client, Duration.ofSeconds(10), Duration.ofSeconds(10));
    accessReviews.hold();
    List<Future<Decision>> reviews =
        concurrently(
            8,
            () ->
                reviewer.review(
                    new UserInfo(HPA.name(), HPA.uid(), HPA.groups(), HPA.extra()),
                    attributes(PODS_METRIC)));
    accessReviews.release();

    for (Future<Decision> review : reviews) {
      assertTrue(await(review).allowed());
    }
    assertEquals(1, accessReviews.count());
  }

  // Helpers.

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** The resource attributes sent, an absent attribute as an empty string. */
  private static Map<String, String> resourceAttributes(JsonObject spec) {
    JsonObject attributes = spec.getJsonObject("resourceAttributes");
    assertTrue(attributes != null, "no resourceAttributes in " + spec.encode());
    Map<String, String> values = new HashMap<>();
    for (String key :
        List.of("verb", "group", "version", "resource", "subresource", "name", "namespace")) {
      values.put(key, attributes.getString(key, ""));
    }
    return values;
  }

  /** Calls {@code review} from {@code threads} threads at once. */
  private static <T> List<Future<T>> concurrently(int threads, Supplier<Future<T>> review)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<Future<T>>> started = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        started.add(
            pool.submit(
                () -> {
                  go.await();
                  return review.get();
                }));
      }
      go.countDown();
      List<Future<T>> reviews = new ArrayList<>();
      for (java.util.concurrent.Future<Future<T>> future : started) {
        reviews.add(future.get(10, TimeUnit.SECONDS));
      }
      return reviews;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
