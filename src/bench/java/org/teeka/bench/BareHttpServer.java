package org.teeka.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read path's anchor: the limit of HTTP on this machine. A Netty server (epoll when the
 * native transport loads, as it does on Linux) that answers every request with the same bytes
 * Teeka's calendarByDistrict answered, read once from a file, with keep-alive, one event loop per
 * core. Netty because it is the fastest simple server on the classpath already (Gatling is built on
 * it); the JDK's com.sun.net.httpserver copies and locks more per request.
 *
 * <p>Usage: {@code BareHttpServer <port> <body file> [<gzipped body file>]}; the gzipped body, with
 * {@code Content-Encoding: gzip}, to a request whose {@code Accept-Encoding} names gzip (as Teeka
 * answers it). It runs until killed.
 */
public final class BareHttpServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        ByteBuf shared = Unpooled.unreleasableBuffer(Unpooled.directBuffer(body.length).writeBytes(body)).asReadOnly();
        // the same body gzipped, as Teeka sends it to a caller that takes gzip (none: the plain body to everyone)
        byte[] gzip = args.length > 2 ? Files.readAllBytes(Path.of(args[2])) : null;
        ByteBuf sharedGzip = gzip == null ? null : Unpooled.unreleasableBuffer(Unpooled.directBuffer(gzip.length).writeBytes(gzip)).asReadOnly();
        boolean epoll = Epoll.isAvailable();
        var group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(64 * 1024), new SimpleChannelInboundHandler<HttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context, HttpRequest request) {
                                        String accepted = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "");
                                        boolean gzipped = sharedGzip != null && accepted.contains("gzip");
                                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                                gzipped ? sharedGzip.duplicate() : shared.duplicate());
                                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                                .setInt(HttpHeaderNames.CONTENT_LENGTH, gzipped ? gzip.length : body.length);
                                        if (gzipped) {
                                            response.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
                                        }
                                        context.writeAndFlush(response);
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync();
        System.out.println("bare HTTP server (" + (epoll ? "Netty epoll" : "Netty NIO") + ") on 127.0.0.1:" + port + ", " + body.length + " bytes"
                + (gzip == null ? "" : ", " + gzip.length + " gzipped"));
        Thread.currentThread().join();
    }
}
