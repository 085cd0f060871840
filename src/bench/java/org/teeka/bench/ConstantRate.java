package org.teeka.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A constant-rate HTTP generator in the manner of wrk2, for the calendar's rates and the bookings,
 * where the generator's own cost decided the result or took the server's CPU: Gatling makes a
 * virtual user per arrival (about 55 µs of CPU each, half a core at 16,000/s, on the same two cores
 * as the server) and opens connections without bound when answers are late. Here a fixed set of keep-alive connections (as a load
 * balancer keeps to a node) each sends its share of the rate on a fixed schedule, one request at a
 * time. A request due while its connection still waits for the previous answer waits in line, and
 * its latency is counted from when it was due, not from when it could be sent: a stall shows in
 * full (no coordinated omission). Every answer is read to its end (the body is not kept).
 *
 * <p>Properties: {@code bench.url}, {@code bench.connections} (64), {@code bench.threads} (event
 * loops, 1), {@code bench.rates} (per second, one step each), {@code bench.stepSeconds} (10),
 * {@code bench.warmUpRate} and {@code bench.warmUpSeconds} (a first step, reported as "(warm-up)"),
 * {@code bench.timeoutSeconds} (10: an answer later than this is a failure, its connection closed
 * and opened anew), {@code bench.label} and {@code bench.name} (each step's name: label, name, rate),
 * {@code bench.ok} (the statuses that count as answered, 200), and for a request per line of a CSV
 * instead of the same GET ({@link #fed}): {@code bench.feed}, {@code bench.method},
 * {@code bench.path}, {@code bench.headers}, {@code bench.body}. Prints one line per step:
 * {@code STEP}, name, due, OK, KO, then p50, p95, p99, p99.9, max of all answers and p50, p99 of
 * the OK ones (µs), then the KO reasons ({@code reason=count;...}), tab separated.
 */
public final class ConstantRate {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    /**
     * What one connection saw during one step. Two significant digits (latencies within 1%): with
     * three, the bookings' 2,048 connections' histograms took more than the generator's 512 MiB.
     */
    private static final class Record {
        final Histogram all = new Histogram(MAX_MICROS, 2);
        final Histogram ok = new Histogram(MAX_MICROS, 2);
        final Map<String, Long> ko = new TreeMap<>();
        long due;

        void fail(String reason, long n) {
            ko.merge(reason, n, Long::sum);
        }

        void add(Record other) {
            all.add(other.all);
            ok.add(other.ok);
            other.ko.forEach(this::fail);
            due += other.due;
        }
    }

    /** One kept connection and its schedule; touched only on its event loop. */
    private static final class Connection {

        private final Bootstrap bootstrap;
        private final URI url;
        private final Supplier<FullHttpRequest> requests;
        private final Set<Integer> ok;
        private final long timeoutNanos;
        private final EventLoop loop;
        private final ArrayDeque<Long> waiting = new ArrayDeque<>();
        private Channel channel;
        private boolean connecting;
        private boolean closing;
        private long inFlightDue = -1;
        private long inFlightSent;
        private int status;
        private Record record = new Record();
        private long next;
        private long end;
        private long stepStart;
        private long index;
        private long stride;
        private long rate;

        Connection(Bootstrap bootstrap, EventLoop loop, URI url, Supplier<FullHttpRequest> requests, Set<Integer> ok, long timeoutNanos) {
            this.bootstrap = bootstrap;
            this.loop = loop;
            this.url = url;
            this.requests = requests;
            this.ok = ok;
            this.timeoutNanos = timeoutNanos;
        }

        void connect() {
            if (connecting) {
                return;
            }
            connecting = true;
            bootstrap.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel c) {
                    c.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
                            read(message);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext context) {
                            closed(context.channel());
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                            context.close();
                        }
                    });
                }
            }).connect(url.getHost(), url.getPort()).addListener(done -> {
                connecting = false;
                if (done.isSuccess()) {
                    channel = ((io.netty.channel.ChannelFuture) done).channel();
                    closing = false;
                    sendIfIdle();
                } else {
                    record.fail("connect: " + done.cause().getClass().getSimpleName(), 1);
                    loop.schedule(this::connect, 100, TimeUnit.MILLISECONDS);
                }
            });
        }

        /**
         * Starts a step: of the requests due {@code rate} a second from {@code start} until {@code end}, numbered from 0,
         * this connection sends number {@code first}, then every {@code stride}-th one after it.
         */
        void start(long start, long end, long rate, long first, long stride) {
            this.stepStart = start;
            this.end = end;
            this.rate = rate;
            this.index = first;
            this.stride = stride;
            this.next = dueAt(index);
            tick();
        }

        private long dueAt(long n) {
            return stepStart + n * 1_000_000_000L / rate;
        }

        private void tick() {
            long now = System.nanoTime();
            while (next <= now && next < end) {
                waiting.add(next);
                record.due++;
                index += stride;
                next = dueAt(index);
            }
            if (inFlightDue >= 0 && now - inFlightSent > timeoutNanos) {
                record.fail("no answer within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s", 1);
                inFlightDue = -1;
                channel.close();
            }
            sendIfIdle();
            if (next < end) {
                loop.schedule(this::tick, Math.max(0, next - now), TimeUnit.NANOSECONDS);
            } else if (!idle()) {
                loop.schedule(this::tick, 100, TimeUnit.MILLISECONDS);
            }
        }

        private void sendIfIdle() {
            if (inFlightDue >= 0 || waiting.isEmpty() || closing) {
                return;
            }
            if (channel == null || !channel.isActive()) {
                connect();
                return;
            }
            inFlightDue = waiting.poll();
            inFlightSent = System.nanoTime();
            status = 0;
            channel.writeAndFlush(requests.get());
        }

        boolean idle() {
            return inFlightDue < 0 && waiting.isEmpty();
        }

        /** Ends the step: what is still waiting or unanswered counts as failed; returns what it saw. */
        Record finish(String unanswered) {
            long left = waiting.size() + (inFlightDue >= 0 ? 1 : 0);
            if (left > 0) {
                record.fail(unanswered, left);
            }
            waiting.clear();
            if (inFlightDue >= 0) {
                inFlightDue = -1;
                channel.close();
            }
            Record done = record;
            record = new Record();
            return done;
        }

        private void read(HttpObject message) {
            if (message instanceof HttpResponse response) {
                status = response.status().code();
                closing = !HttpUtil.isKeepAlive(response);
            }
            if (message instanceof LastHttpContent && inFlightDue >= 0) {
                long micros = Math.min(MAX_MICROS, (System.nanoTime() - inFlightDue) / 1000);
                record.all.recordValue(micros);
                if (ok.contains(status)) {
                    record.ok.recordValue(micros);
                } else {
                    record.fail("status " + ok + " expected, found " + status, 1);
                }
                inFlightDue = -1;
                sendIfIdle();
            }
        }

        private void closed(Channel gone) {
            if (gone != channel) {
                return;
            }
            if (inFlightDue >= 0) {
                record.fail("connection closed before the answer", 1);
                inFlightDue = -1;
            }
            channel = null;
            closing = false;
            if (!waiting.isEmpty()) {
                connect();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(Bench.string("url", "http://127.0.0.1:8080/"));
        int connections = Bench.integer("connections", 64);
        int threads = Bench.integer("threads", 1);
        int seconds = Bench.integer("stepSeconds", 10);
        long timeout = TimeUnit.SECONDS.toNanos(Bench.integer("timeoutSeconds", 10));
        String label = Bench.string("label", "teeka");
        String what = Bench.string("name", "calendar");

        var steps = new ArrayList<Map.Entry<String, int[]>>();
        int warmUpSeconds = Bench.integer("warmUpSeconds", 10);
        if (warmUpSeconds > 0) {
            steps.add(Map.entry("(warm-up) " + what, new int[] {Bench.integer("warmUpRate", 2000), warmUpSeconds}));
        }
        for (int rate : Bench.integers("rates", "1000")) {
            steps.add(Map.entry(label + " " + what + " @" + rate + "/s", new int[] {rate, seconds}));
        }

        boolean epoll = Epoll.isAvailable();
        var group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        var bootstrap = new Bootstrap().channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        Supplier<FullHttpRequest> requests = Bench.string("feed", "").isEmpty() ? fixed(url, target) : fed(url);
        Set<Integer> ok = new TreeSet<>(Bench.integers("ok", "200"));
        var all = new ArrayList<Connection>();
        for (int i = 0; i < connections; i++) {
            var connection = new Connection(bootstrap, group.next(), url, requests, ok, timeout);
            all.add(connection);
            connection.loop.submit(connection::connect).get();
        }
        System.out.printf("constant rate: %d connections, %d event loop(s), %s, %s%n", connections, threads, epoll ? "epoll" : "NIO", url);
        try {
            for (var step : steps) {
                int rate = step.getValue()[0];
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                long end = start + TimeUnit.SECONDS.toNanos(step.getValue()[1]);
                for (int i = 0; i < all.size(); i++) {
                    var connection = all.get(i);
                    long first = i;
                    connection.loop.execute(() -> connection.start(start, end, rate, first, connections));
                }
                // the step's window, then until every answer is in or the timeout has passed since its end
                TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
                long deadline = System.nanoTime() + timeout;
                while (System.nanoTime() < deadline && !allIdle(all)) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                var total = new Record();
                for (var connection : all) {
                    total.add(connection.loop.submit(() -> connection.finish("no answer within "
                            + TimeUnit.NANOSECONDS.toSeconds(timeout) + " s of the step's end")).get());
                }
                print(step.getKey(), total);
                TimeUnit.SECONDS.sleep(2);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** The same GET every time (the calendar). */
    private static Supplier<FullHttpRequest> fixed(URI url, String target) {
        var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        request.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + url.getPort())
                .set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate").set(HttpHeaderNames.ACCEPT, "application/json");
        return request::retainedDuplicate;
    }

    /**
     * One request per line of {@code bench.feed} (CSV with a header line), in order, from the start
     * again if the lines run out: {@code bench.method} to {@code bench.path}, {@code bench.headers}
     * ({@code Name: value}, separated by {@code |}) and a JSON {@code bench.body}, each with
     * {@code #{column}} replaced by the line's value (the bookings: one person each).
     */
    private static Supplier<FullHttpRequest> fed(URI url) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(Bench.string("feed", "")));
        String[] columns = lines.getFirst().split(",");
        var rows = new ArrayList<Map<String, String>>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            var row = new HashMap<String, String>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], values[i]);
            }
            rows.add(row);
        }
        HttpMethod method = HttpMethod.valueOf(Bench.string("method", "POST"));
        String path = Bench.string("path", "/");
        String headers = Bench.string("headers", "");
        String body = Bench.string("body", "");
        var next = new AtomicLong();
        return () -> {
            Map<String, String> row = rows.get((int) (next.getAndIncrement() % rows.size()));
            byte[] content = fill(body, row).getBytes(StandardCharsets.UTF_8);
            var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, fill(path, row), Unpooled.wrappedBuffer(content));
            request.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + url.getPort())
                    .set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate").set(HttpHeaderNames.ACCEPT, "application/json")
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
            for (String header : headers.isEmpty() ? new String[0] : headers.split("\\|")) {
                int colon = header.indexOf(':');
                request.headers().set(header.substring(0, colon).strip(), fill(header.substring(colon + 1).strip(), row));
            }
            return request;
        };
    }

    private static String fill(String template, Map<String, String> row) {
        String filled = template;
        for (var column : row.entrySet()) {
            filled = filled.replace("#{" + column.getKey() + "}", column.getValue());
        }
        return filled;
    }

    private static boolean allIdle(List<Connection> all) throws Exception {
        for (var connection : all) {
            if (!connection.loop.submit(connection::idle).get()) {
                return false;
            }
        }
        return true;
    }

    private static void print(String name, Record r) {
        var ko = new StringBuilder();
        r.ko.forEach((reason, n) -> ko.append(ko.isEmpty() ? "" : ";").append(reason).append('=').append(n));
        // a failed connect is no request: the requests due meanwhile wait and count when answered or at the end
        long koCount = r.ko.entrySet().stream().filter(e -> !e.getKey().startsWith("connect: ")).mapToLong(Map.Entry::getValue).sum();
        Histogram a = r.all;
        System.out.println(String.join("\t", "STEP", name, String.valueOf(r.due), String.valueOf(r.ok.getTotalCount()), String.valueOf(koCount),
                String.valueOf(a.getValueAtPercentile(50)), String.valueOf(a.getValueAtPercentile(95)), String.valueOf(a.getValueAtPercentile(99)),
                String.valueOf(a.getValueAtPercentile(99.9)), String.valueOf(a.getMaxValue()),
                String.valueOf(r.ok.getValueAtPercentile(50)), String.valueOf(r.ok.getValueAtPercentile(99)), ko.toString()));
        System.out.flush();
    }
}
