package dev.metricsadapter.prometheus;

import io.vertx.core.http.HttpMethod;
import java.util.Objects;
import java.util.Optional;

/**
 * One API call ready to be sent.
 *
 * @param endpoint the API path without the prefix ({@code /api/v1/query}), for messages
 * @param method GET or POST
 * @param url the absolute URL, with the prefix, the base query string and (for GET) the parameters
 * @param form for POST, the {@code application/x-www-form-urlencoded} body
 */
record PreparedRequest(String endpoint, HttpMethod method, String url, Optional<String> form) {

  PreparedRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(form, "form");
    if (form.isPresent() != (method == HttpMethod.POST)) {
      throw new IllegalArgumentException("a form body goes with POST, and only with POST");
    }
  }
}
