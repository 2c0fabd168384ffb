package interviews.loadtest.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * A static loopback endpoint for the overhead benchmark: Netty (Gatling's own transport), one
 * event loop, keep-alive, a fixed 2-byte body. {@code GET /count} answers the number of other
 * requests served so far, so the injector can measure its throughput from outside.
 * Prints the port it bound on 127.0.0.1 (argument: port, 0 = any). Not the tests' StubServer: this
 * one runs in a JVM of its own on Gatling's transport, so that the benchmark weighs the injector.
 */
public final class StaticServer {

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    LongAdder served = new LongAdder();
    byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
    EventLoopGroup group = new NioEventLoopGroup(1);
    Channel ch = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                    ByteBuf body;
                    if (req.uri().startsWith("/count")) {
                      body = Unpooled.copiedBuffer(Long.toString(served.sum()), StandardCharsets.US_ASCII);
                    } else {
                      served.increment();
                      body = Unpooled.wrappedBuffer(ok);
                    }
                    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
                    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                    resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                    ctx.writeAndFlush(resp);
                  }
                });
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    System.out.println(((InetSocketAddress) ch.localAddress()).getPort());
    System.out.flush();
    ch.closeFuture().sync();
  }
}
