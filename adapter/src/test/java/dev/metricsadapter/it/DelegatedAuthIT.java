package dev.metricsadapter.it;

import static dev.metricsadapter.it.DelegatedAuthSupport.client;
import static dev.metricsadapter.testing.AdapterUnderTest.RULES;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metricsadapter.it.DelegatedAuthSupport.ReviewEndpoint;
import dev.metricsadapter.testing.AdapterUnderTest;
import dev.metricsadapter.testing.DemoPods;
import dev.metricsadapter.testing.Kubectl;
import dev.metricsadapter.testing.MetricValueLists;
import dev.metricsadapter.testing.MockKubeconfig;
import dev.metricsadapter.testing.TestCertificates;
import dev.metricsadapter.testing.TestCertificates.Issued;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter jar under {@code --auth=delegated}, over real TLS, with fabric8's mock API server
 * (CRUD for the authentication ConfigMap and pods, expectations for TokenReviews and
 * SubjectAccessReviews) standing in for kube-apiserver: front-proxy, client-certificate and
 * bearer-token authentication, SubjectAccessReview authorization with Kubernetes' denial messages,
 * CA rotation through the ConfigMap, and failing closed when the API is gone (last).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelegatedAuthIT {

  private static final String HPA = "system:serviceaccount:kube-system:horizontal-pod-autoscaler";
  private static final String PODS =
      "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second";
  private static final Map<String, String> ALL_PODS =
      Map.of("api-1", "1250m", "web-1", "2", "web-2", "500m");
  private static final String NO_POLICY = "no RBAC policy matched";

  @RegisterExtension
  static final AdapterUnderTest stack =
      AdapterUnderTest.withRules(RULES.resolve("demo.yaml"))
          .flags(DelegatedAuthIT::startMockApi)
          .flags("--auth=delegated", "--log-level=debug");

  private static KubernetesMockServer server;
  private static boolean serverStopped;
  private static KubernetesClient kube;
  private static ReviewEndpoint accessReviews;
  private static ReviewEndpoint tokenReviews;

  private static final Issued FRONT_PROXY_CA = TestCertificates.authority("front-proxy-ca");
  private static final Issued CLIENT_CA = TestCertificates.authority("kubernetes-ca");
  private static final Issued WRONG_CA = TestCertificates.authority("somebody-elses-ca");
  private static final Issued FRONT_PROXY =
      TestCertificates.client(FRONT_PROXY_CA, "front-proxy-client");
  private static final Issued ALICE = TestCertificates.client(CLIENT_CA, "alice", "readers");

  private static HttpClient frontProxy;
  private static HttpClient anonymous;

  /**
   * Starts the mock API server with its review endpoints, the demo pods and the authentication
   * ConfigMap; the flag is the kubeconfig that reaches it.
   */
  private static List<String> startMockApi(AdapterUnderTest starting) throws IOException {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            true);
    server.init();
    kube = server.createClient();
    accessReviews =
        new ReviewEndpoint(
            "authorization.k8s.io/v1", "SubjectAccessReview", DelegatedAuthIT::decide);
    tokenReviews =
        new ReviewEndpoint("authentication.k8s.io/v1", "TokenReview", DelegatedAuthIT::identify);
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(accessReviews)
        .always();
    server
        .expect()
        .post()
        .withPath("/apis/authentication.k8s.io/v1/tokenreviews")
        .andReply(tokenReviews)
        .always();
    DemoPods.createOrUpdate(kube);
    kube.configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("extension-apiserver-authentication")
                .withNamespace("kube-system")
                .endMetadata()
                .addToData("requestheader-client-ca-file", FRONT_PROXY_CA.certificatePem())
                .addToData("requestheader-allowed-names", "[\"front-proxy-client\"]")
                .addToData("requestheader-username-headers", "[\"X-Remote-User\"]")
                .addToData("requestheader-group-headers", "[\"X-Remote-Group\"]")
                .addToData("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]")
                .addToData("client-ca-file", CLIENT_CA.certificatePem())
                .build())
        .create();
    Path kubeconfig = MockKubeconfig.write(starting.dir().resolve("kubeconfig"), server.url("/"));
    return List.of("--kubeconfig=" + kubeconfig);
  }

  @BeforeAll
  static void clients() {
    frontProxy = client(FRONT_PROXY);
    anonymous = client(null);
  }

  @AfterAll
  static void stopMockApi() {
    try {
      if (kube != null) {
        kube.close();
      }
    } finally {
      if (server != null && !serverStopped) {
        server.destroy();
      }
    }
  }

  // The mock kube-apiserver's decisions.

  /** RBAC as the test cluster has it: the HPA, alice and the readers group may read metrics. */
  private static JsonObject decide(JsonObject spec) {
    JsonArray groups = spec.getJsonArray("groups", new JsonArray());
    String user = spec.getString("user");
    if (user.equals(HPA) || user.equals("alice") || groups.contains("readers")) {
      return new JsonObject()
          .put("allowed", true)
          .put("reason", "RBAC: allowed by ClusterRoleBinding \"metrics-readers\"");
    }
    return new JsonObject().put("allowed", false).put("reason", NO_POLICY);
  }

  private static JsonObject identify(JsonObject spec) {
    if ("good-token".equals(spec.getString("token"))) {
      return new JsonObject()
          .put("authenticated", true)
          .put(
              "user",
              new JsonObject()
                  .put("username", "bob")
                  .put("uid", "bob-uid")
                  .put("groups", new JsonArray().add("readers")));
    }
    return new JsonObject().put("authenticated", false).put("error", "token not found");
  }

  // Helpers.

  private static HttpResponse<String> get(HttpClient http, String path, String... headers)
      throws IOException, InterruptedException {
    return DelegatedAuthSupport.get(http, stack.adapter().url(), path, headers);
  }

  private static Map<String, String> values(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body() + "\n" + stack.adapter().log());
    return MetricValueLists.values(new JsonObject(response.body()));
  }

  /** Asserts a {@code metav1.Status} failure and returns its message. */
  private static String status(HttpResponse<String> response, int code, String reason) {
    assertEquals(code, response.statusCode(), response.body());
    JsonObject status = new JsonObject(response.body());
    assertEquals("Status", status.getString("kind"), response.body());
    assertEquals("Failure", status.getString("status"), response.body());
    assertEquals(reason, status.getString("reason"), response.body());
    assertEquals(code, status.getInteger("code"), response.body());
    return status.getString("message");
  }

  private static String forbiddenPods(String user) {
    return "pods.custom.metrics.k8s.io \"*\" is forbidden: User \""
        + user
        + "\" cannot get resource \"pods/http_requests_per_second\" in API group"
        + " \"custom.metrics.k8s.io\" in the namespace \"demo\": "
        + NO_POLICY;
  }

  /** The last SubjectAccessReview spec sent for {@code user}. */
  private static JsonObject lastAccessReview(String user) {
    List<JsonObject> specs = accessReviews.specs("user", user);
    assertTrue(
        !specs.isEmpty(), "no SubjectAccessReview for " + user + ": " + accessReviews.specs());
    return specs.get(specs.size() - 1);
  }

  private static JsonObject podsAttributes() {
    return new JsonObject()
        .put("verb", "get")
        .put("group", "custom.metrics.k8s.io")
        .put("version", "v1beta2")
        .put("resource", "pods")
        .put("subresource", "http_requests_per_second")
        .put("name", "*")
        .put("namespace", "demo");
  }

  // The tests, in order: the last one stops the mock API server.

  @Test
  @Order(10)
  void hpaThroughTheFrontProxyGetsItsValues() throws Exception {
    HttpResponse<String> response =
        get(
            frontProxy,
            PODS,
            "X-Remote-User",
            HPA,
            "X-Remote-Group",
            "system:serviceaccounts",
            "X-Remote-Group",
            "system:authenticated",
            "X-Remote-Extra-authentication.kubernetes.io%2Fpod-name",
            "kube-controller-manager-0");

    assertEquals(ALL_PODS, values(response));
    JsonObject spec = lastAccessReview(HPA);
    assertEquals(
        new JsonArray().add("system:serviceaccounts").add("system:authenticated"),
        spec.getJsonArray("groups"),
        spec.encode());
    assertEquals(
        new JsonObject()
            .put(
                "authentication.kubernetes.io/pod-name",
                new JsonArray().add("kube-controller-manager-0")),
        spec.getJsonObject("extra"),
        spec.encode());
    assertEquals(podsAttributes(), spec.getJsonObject("resourceAttributes"), spec.encode());
  }

  @Test
  @Order(20)
  void remoteUserHeadersWithoutTheFrontProxyCertificateAreIgnored() throws Exception {
    HttpResponse<String> response =
        get(
            anonymous,
            PODS,
            "X-Remote-User",
            HPA,
            "X-Remote-Group",
            "system:masters",
            "X-Remote-Group",
            "readers");

    assertEquals(forbiddenPods("system:anonymous"), status(response, 403, "Forbidden"));
    JsonObject spec = lastAccessReview("system:anonymous");
    assertEquals(new JsonArray().add("system:unauthenticated"), spec.getJsonArray("groups"));
    assertEquals(podsAttributes(), spec.getJsonObject("resourceAttributes"), spec.encode());
  }

  @Test
  @Order(30)
  void certificateFromAnUnknownCaIsUnauthorized() throws Exception {
    HttpClient stranger = client(TestCertificates.client(WRONG_CA, "front-proxy-client"));

    HttpResponse<String> response = get(stranger, PODS, "X-Remote-User", HPA);

    assertEquals("Unauthorized", status(response, 401, "Unauthorized"));
  }

  /**
   * A CA certificate (key usage certSign and cRLSign only) as client certificate: BoringSSL, the
   * default engine, refuses it in the handshake, and the adapter says why at debug (under the JDK
   * engine it reaches the authenticator: ServingTlsTest).
   */
  @Test
  @Order(35)
  void aCaCertificateAsClientCertificateIsRefusedInTheHandshakeWithADebugLine() throws Exception {
    HttpClient presentingCa = client(WRONG_CA);
    assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> get(presentingCa, "/healthz"));
    Awaitility.await("the adapter logs the refused handshake")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                stack.adapter().log().contains("connection failed: ")
                    && stack.adapter().log().contains("KEY_USAGE_BIT_INCORRECT"));
  }

  @Test
  @Order(40)
  void frontProxyCaCertificateWithANameNotAllowedIsNotTrusted() throws Exception {
    int reviews = accessReviews.specs().size();
    HttpClient evil = client(TestCertificates.client(FRONT_PROXY_CA, "evil-proxy"));

    HttpResponse<String> response =
        get(evil, PODS, "X-Remote-User", HPA, "X-Remote-Group", "system:masters");

    assertEquals("Unauthorized", status(response, 401, "Unauthorized"));
    assertEquals(reviews, accessReviews.specs().size(), "an unauthenticated request was reviewed");
  }

  @Test
  @Order(50)
  void clientCertificateAuthenticatesAsItsCommonNameInItsOrganizations() throws Exception {
    HttpResponse<String> response =
        get(client(ALICE), PODS, "X-Remote-User", "someone-alice-is-not");

    assertEquals(ALL_PODS, values(response));
    JsonObject spec = lastAccessReview("alice");
    assertEquals(
        new JsonArray().add("readers").add("system:authenticated"),
        spec.getJsonArray("groups"),
        spec.encode());
    assertEquals(podsAttributes(), spec.getJsonObject("resourceAttributes"), spec.encode());
    assertTrue(accessReviews.specs("user", "someone-alice-is-not").isEmpty());
  }

  @Test
  @Order(55)
  void clientCertificateMayComeWithItsIntermediateCaAndAClientUsage() throws Exception {
    // Sent with its intermediate CA, as Go's verifier (and so kube-apiserver) accepts.
    Issued intermediate = DelegatedAuthSupport.issue(CLIENT_CA, "CN=kubernetes-intermediate", true);
    Issued erin = DelegatedAuthSupport.issue(intermediate, "CN=erin,O=readers", false);
    assertEquals(ALL_PODS, values(get(client(erin, intermediate.certificate()), PODS)));
    assertEquals(
        new JsonArray().add("readers").add("system:authenticated"),
        lastAccessReview("erin").getJsonArray("groups"));

    Issued dave =
        DelegatedAuthSupport.issue(
            CLIENT_CA, "CN=dave,O=readers", false, KeyPurposeId.id_kp_clientAuth);
    assertEquals(ALL_PODS, values(get(client(dave), PODS)));
  }

  /**
   * kube-apiserver's x509 and request-header authenticators verify with {@code
   * x509.DefaultVerifyOptions()}, which require the clientAuth extended key usage when the
   * certificate has any: a certificate meant for servers only (a kubelet's serving certificate,
   * say) is no client identity, whoever signed it.
   */
  @Test
  @Order(56)
  void certificateForServersOnlyIsNoClientIdentity() throws Exception {
    Issued kubelet =
        DelegatedAuthSupport.issue(
            CLIENT_CA,
            "CN=system:node:node-1,O=system:nodes",
            false,
            KeyPurposeId.id_kp_serverAuth);
    Issued servingProxy =
        DelegatedAuthSupport.issue(
            FRONT_PROXY_CA, "CN=front-proxy-client", false, KeyPurposeId.id_kp_serverAuth);

    HttpResponse<String> asKubelet = get(client(kubelet), PODS);
    HttpResponse<String> asProxy =
        get(client(servingProxy), PODS, "X-Remote-User", "carol", "X-Remote-Group", "readers");

    assertAll(
        () -> assertEquals("Unauthorized", status(asKubelet, 401, "Unauthorized"), "client CA"),
        () -> assertEquals("Unauthorized", status(asProxy, 401, "Unauthorized"), "front proxy"));
  }

  @Test
  @Order(60)
  void bearerTokensAreReviewed() throws Exception {
    assertEquals(ALL_PODS, values(get(anonymous, PODS, "Authorization", "Bearer good-token")));
    JsonObject spec = lastAccessReview("bob");
    assertEquals("bob-uid", spec.getString("uid"), spec.encode());
    assertEquals(
        new JsonArray().add("readers").add("system:authenticated"),
        spec.getJsonArray("groups"),
        spec.encode());
    assertEquals(1, tokenReviews.specs("token", "good-token").size());

    assertEquals(
        "Unauthorized",
        status(get(anonymous, PODS, "Authorization", "Bearer bad-token"), 401, "Unauthorized"));
    assertEquals(1, tokenReviews.specs("token", "bad-token").size());
  }

  @Test
  @Order(70)
  void authenticatedUserWithoutPermissionIsForbiddenInKubernetesWords() throws Exception {
    HttpResponse<String> response =
        get(frontProxy, PODS, "X-Remote-User", "carol", "X-Remote-Group", "system:authenticated");

    assertEquals(forbiddenPods("carol"), status(response, 403, "Forbidden"));
    JsonObject spec = lastAccessReview("carol");
    assertEquals(new JsonArray().add("system:authenticated"), spec.getJsonArray("groups"));
  }

  @Test
  @Order(75)
  void explainIsAuthorizedAsTheExplainedRequest() throws Exception {
    String explain = "/debug/explain?path=" + URLEncoder.encode(PODS, StandardCharsets.UTF_8);

    HttpResponse<String> denied =
        get(
            frontProxy,
            explain,
            "X-Remote-User",
            "carol",
            "X-Remote-Group",
            "system:authenticated");
    assertEquals(forbiddenPods("carol"), status(denied, 403, "Forbidden"));

    HttpResponse<String> allowed = get(frontProxy, explain, "X-Remote-User", "alice");
    assertEquals(200, allowed.statusCode(), allowed.body());
    JsonObject explanation = new JsonObject(allowed.body());
    assertEquals(200, explanation.getJsonObject("response").getInteger("code"), allowed.body());
    assertEquals(podsAttributes(), lastAccessReview("alice").getJsonObject("resourceAttributes"));
  }

  @Test
  @Order(80)
  void systemMastersNeedNoReview() throws Exception {
    HttpResponse<String> response =
        get(
            frontProxy,
            PODS,
            "X-Remote-User",
            "system:kube-aggregator",
            "X-Remote-Group",
            "system:masters");

    assertEquals(ALL_PODS, values(response));
    assertTrue(accessReviews.specs("user", "system:kube-aggregator").isEmpty());
  }

  @Test
  @Order(90)
  void healthIsAlwaysAllowedAndDiscoveryIsANonResourceReview() throws Exception {
    HttpResponse<String> health = get(anonymous, "/healthz");
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("ok", health.body());

    assertEquals(
        "forbidden: User \"system:anonymous\" cannot get path \"/apis\": " + NO_POLICY,
        status(get(anonymous, "/apis"), 403, "Forbidden"));
    JsonObject spec = lastAccessReview("system:anonymous");
    assertEquals(
        new JsonObject().put("path", "/apis").put("verb", "get"),
        spec.getJsonObject("nonResourceAttributes"),
        spec.encode());

    HttpResponse<String> discovery =
        get(frontProxy, "/apis/custom.metrics.k8s.io/v1beta2", "X-Remote-User", HPA);
    assertEquals(200, discovery.statusCode(), discovery.body());
    assertEquals(
        new JsonObject().put("path", "/apis/custom.metrics.k8s.io/v1beta2").put("verb", "get"),
        lastAccessReview(HPA).getJsonObject("nonResourceAttributes"));
  }

  @Test
  @Order(100)
  void kubectlAuthenticatesWithACertificateOrAToken() throws Exception {
    assumeTrue(Kubectl.installed(), "kubectl is not installed");
    Path certificate = ALICE.writeCertificate(stack.dir().resolve("alice.crt"));
    Path key = ALICE.writeKey(stack.dir().resolve("alice.key"));

    Kubectl.Run withCertificate =
        kubectl("--client-certificate=" + certificate, "--client-key=" + key);
    assertEquals(0, withCertificate.exitCode(), withCertificate.output());
    assertEquals(ALL_PODS.keySet(), names(withCertificate.output()));

    Kubectl.Run withToken = kubectl("--token=good-token");
    assertEquals(0, withToken.exitCode(), withToken.output());
    assertEquals(ALL_PODS.keySet(), names(withToken.output()));

    Kubectl.Run withBadToken = kubectl("--token=bad-token");
    assertNotEquals(0, withBadToken.exitCode(), withBadToken.output());
    assertTrue(withBadToken.output().contains("Unauthorized"), withBadToken.output());
  }

  @Test
  @Order(110)
  void rotatedFrontProxyCaInTheConfigMapAppliesWithoutRestart() throws Exception {
    Issued rotatedCa = TestCertificates.authority("front-proxy-ca-2");
    HttpClient rotatedProxy = client(TestCertificates.client(rotatedCa, "front-proxy-client"));
    assertEquals(
        "Unauthorized", status(get(rotatedProxy, PODS, "X-Remote-User", HPA), 401, "Unauthorized"));

    kube.configMaps()
        .inNamespace("kube-system")
        .withName("extension-apiserver-authentication")
        .edit(
            configMap ->
                new ConfigMapBuilder(configMap)
                    .addToData("requestheader-client-ca-file", rotatedCa.certificatePem())
                    .build());

    Awaitility.await("the rotated front-proxy CA is trusted")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(rotatedProxy, PODS, "X-Remote-User", HPA).statusCode() == 200);
    assertEquals(ALL_PODS, values(get(rotatedProxy, PODS, "X-Remote-User", HPA)));
    assertEquals(
        "Unauthorized", status(get(frontProxy, PODS, "X-Remote-User", HPA), 401, "Unauthorized"));
    frontProxy = rotatedProxy;
  }

  @Test
  @Order(115)
  void selfMetricsCountAuthOutcomesAndCacheHits() throws Exception {
    get(anonymous, PODS, "Authorization", "Bearer good-token");
    get(anonymous, PODS, "Authorization", "Bearer good-token");
    HttpResponse<String> response = get(frontProxy, "/metrics", "X-Remote-User", HPA);
    assertEquals(200, response.statusCode(), response.body());
    String metrics = response.body();

    for (String sample :
        List.of(
            "metrics_adapter_authentications_total{result=\"authenticated\",}",
            "metrics_adapter_authentications_total{result=\"rejected\",}",
            "metrics_adapter_authorizations_total{decision=\"allowed\",}",
            "metrics_adapter_authorizations_total{decision=\"denied\",}",
            "metrics_adapter_cache_lookups_total{cache=\"token_review\",result=\"hit\",}",
            "metrics_adapter_cache_lookups_total{cache=\"token_review\",result=\"miss\",}",
            "metrics_adapter_cache_lookups_total{cache=\"access_review\",result=\"hit\",}",
            "metrics_adapter_cache_lookups_total{cache=\"access_review\",result=\"miss\",}")) {
      assertTrue(sampleValue(metrics, sample) >= 1, sample + " in\n" + metrics);
    }
  }

  @Test
  @Order(116)
  void debugLogsShowRequestsAndPromqlButNoSecrets() {
    String log = stack.adapter().log();

    assertTrue(log.contains(" as bob"), "a debug request log line is missing:\n" + log);
    assertTrue(log.contains("http_requests_total"), "the PromQL is missing from:\n" + log);
    for (String secret :
        List.of("good-token", "bad-token", "adapter-token", "BEGIN CERTIFICATE", "PRIVATE KEY")) {
      assertFalse(log.contains(secret), secret + " leaked into the log:\n" + log);
    }
  }

  /** The value of one sample line of the text exposition format. */
  private static double sampleValue(String metrics, String sample) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  @Order(120)
  void withoutTheKubernetesApiRequestsFailClosedButHealthAnswers() throws Exception {
    serverStopped = true;
    server.destroy();

    String message =
        status(
            get(anonymous, PODS, "Authorization", "Bearer token-never-reviewed"),
            503,
            "ServiceUnavailable");
    assertEquals("cannot review a bearer token: the Kubernetes API is unavailable", message);

    assertEquals(
        "cannot authorize the request: the Kubernetes API is unavailable",
        status(
            get(
                frontProxy,
                PODS,
                "X-Remote-User",
                "never-reviewed-" + System.nanoTime(),
                "X-Remote-Group",
                "readers"),
            503,
            "ServiceUnavailable"));

    HttpResponse<String> health = get(anonymous, "/healthz");
    assertEquals(200, health.statusCode(), health.body());
  }

  // kubectl.

  /** kubectl get --raw PODS with {@code credentials} and no kubeconfig of the machine's. */
  private static Kubectl.Run kubectl(String... credentials) throws Exception {
    Path emptyConfig =
        Files.writeString(stack.dir().resolve("kubectl-config"), "apiVersion: v1\nkind: Config\n");
    List<String> args =
        new ArrayList<>(List.of("--kubeconfig=" + emptyConfig, "--request-timeout=20s"));
    args.addAll(List.of(credentials));
    args.addAll(List.of("get", "--raw", PODS));
    return Kubectl.run(stack.adapter().url(), args.toArray(String[]::new));
  }

  private static Set<String> names(String metricValueList) {
    return new TreeSet<>(MetricValueLists.objectNames(new JsonObject(metricValueList)));
  }
}
