package dev.metricsadapter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpVersionGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.0", "HTTP/1.1"})
  void passesTheVersionsVertxServes(String version) {
    HttpRequest request = decode("GET /readyz " + version);

    assertTrue(request.decoderResult().isSuccess());
    assertEquals(version, request.protocolVersion().text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "http/1.1", "HTTP/9.9"})
  void marksEveryOtherVersionAsADecodingFailure(String version) {
    HttpRequest request = decode("GET /readyz " + version);

    assertTrue(request.decoderResult().isFailure());
    assertTrue(
        request.decoderResult().cause().getMessage().startsWith("unsupported HTTP version "),
        request.decoderResult().cause().getMessage());
    assertSame(HttpVersion.HTTP_1_1, request.protocolVersion());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /readyz HTTP/1.1.1",
        "GET /readyz FOO",
        "GET /readyz HTTP/1.10",
        "GET /readyz HTTPS/1.1"
      })
  void leavesTheDecodersOwnFailuresAlone(String requestLine) {
    HttpRequest request = decode(requestLine);

    assertTrue(request.decoderResult().isFailure());
    assertFalse(
        String.valueOf(request.decoderResult().cause().getMessage())
            .startsWith("unsupported HTTP version"));
  }

  @Test
  void installsOnceAndOnlyAfterAnHttp1Decoder() {
    EmbeddedChannel withoutDecoder = new EmbeddedChannel();
    HttpVersionGuard.install(withoutDecoder);
    assertNull(withoutDecoder.pipeline().get(HttpVersionGuard.NAME));

    EmbeddedChannel channel = channelWithVertxDecoder();
    HttpVersionGuard.install(channel);
    HttpVersionGuard.install(channel);
    List<String> names = channel.pipeline().names();
    assertEquals(names.indexOf("httpDecoder") + 1, names.indexOf(HttpVersionGuard.NAME));
    assertEquals(names.indexOf(HttpVersionGuard.NAME), names.lastIndexOf(HttpVersionGuard.NAME));
  }

  private static HttpRequest decode(String requestLine) {
    EmbeddedChannel channel = channelWithVertxDecoder();
    HttpVersionGuard.install(channel);
    channel.writeInbound(
        Unpooled.copiedBuffer(requestLine + "\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
    HttpRequest request = assertInstanceOf(HttpRequest.class, channel.readInbound());
    Object rest;
    while ((rest = channel.readInbound()) != null) {
      ReferenceCountUtil.release(rest);
    }
    channel.finishAndReleaseAll();
    return request;
  }

  private static EmbeddedChannel channelWithVertxDecoder() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast("httpDecoder", new HttpRequestDecoder());
    return channel;
  }
}
