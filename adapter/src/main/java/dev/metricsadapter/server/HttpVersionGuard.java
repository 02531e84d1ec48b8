package dev.metricsadapter.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Turns an HTTP/1 request line with a version other than {@code HTTP/1.0} or {@code HTTP/1.1}
 * ({@code HTTP/1.2}, {@code HTTP/2.0}, {@code http/1.1}, the HTTP/2 preface sent without ALPN) into
 * a decoding failure, so {@link InvalidRequests} answers 400 and closes the connection. Without it
 * Vert.x answers such requests itself with 501, a server error for what is a client's fault.
 *
 * <p>Netty returns its {@code HTTP_1_0}/{@code HTTP_1_1} constants only for those exact tokens, and
 * Vert.x accepts only those constants, so the check compares identities on purpose.
 *
 * <p>Sits in the connection's Netty pipeline between Vert.x's HTTP decoder and its handler; the
 * pipeline is reached through Vert.x' connection implementation, the one internal class used here.
 * Stateless and shared by all connections.
 */
@ChannelHandler.Sharable
public final class HttpVersionGuard extends ChannelInboundHandlerAdapter {

  /** The name of the guard in the pipeline. */
  static final String NAME = "httpVersionGuard";

  private static final String VERTX_DECODER = "httpDecoder";
  private static final HttpVersionGuard INSTANCE = new HttpVersionGuard();

  private HttpVersionGuard() {}

  /**
   * Installs the guard on an HTTP/1 connection, right after Vert.x' decoder; HTTP/2 connections (no
   * HTTP/1 decoder) are left alone. To call from {@code HttpServer.connectionHandler}, which Vert.x
   * runs on the connection's event loop before any request is decoded.
   */
  public static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      install(base.channel());
    }
  }

  /** Installs the guard after the channel's HTTP/1 decoder, if it has one. */
  static void install(Channel channel) {
    if (channel.pipeline().get(VERTX_DECODER) != null && channel.pipeline().get(NAME) == null) {
      channel.pipeline().addAfter(VERTX_DECODER, NAME, INSTANCE);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request
        && request.decoderResult().isSuccess()
        && request.protocolVersion() != HttpVersion.HTTP_1_0
        && request.protocolVersion() != HttpVersion.HTTP_1_1) {
      String sent = request.protocolVersion().text();
      request.setProtocolVersion(HttpVersion.HTTP_1_1);
      request.setDecoderResult(
          DecoderResult.failure(new IllegalArgumentException("unsupported HTTP version " + sent)));
    }
    ctx.fireChannelRead(msg);
  }
}
