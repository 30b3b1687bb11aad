package dev.library.gateway.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import dev.library.gateway.GatewayProperties;

/**
 * The edge's HTTP server, bounded the way an edge proxy is (Envoy's practice): a global connection
 * limit (more connections wait in the listen backlog), a per-address one (more are closed at once),
 * reads of at most {@code read-buffer} bytes per connection, and a deadline for every phase of a
 * request: waiting for it ({@code idle-timeout}), its headers ({@link RequestHeaderDeadline}), and its
 * body (pauses and whole, answered 408 by Reactor Netty). Without them a client could hold as many
 * connections and as many half-sent requests as it liked, for as long as it liked.
 */
public final class EdgeServer implements NettyServerCustomizer {

    private static final String HEADER_DEADLINE = "library.requestHeaderDeadline";
    /** Netty's defaults for the smallest and first read buffer; only the largest is the edge's to bound. */
    private static final int MIN_READ_BUFFER = 64;
    private static final int INITIAL_READ_BUFFER = 2048;

    private final GatewayProperties.Edge limits;
    private final Map<InetAddress, Integer> connectionsPerClient = new ConcurrentHashMap<>();

    public EdgeServer(GatewayProperties.Edge limits) {
        this.limits = limits;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        int readBuffer = (int) limits.readBuffer().toBytes();
        return server.maxConnections(limits.maxConnections())
                .idleTimeout(limits.idleTimeout())
                .readTimeout(limits.bodyReadTimeout())
                .requestTimeout(limits.bodyTimeout())
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(MIN_READ_BUFFER,
                        Math.min(INITIAL_READ_BUFFER, readBuffer), readBuffer))
                .doOnChannelInit((observer, channel, address) -> {
                    if (!admit(channel, channel.remoteAddress())) {
                        return;
                    }
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, HEADER_DEADLINE,
                                new RequestHeaderDeadline(limits.requestHeaderTimeout()));
                    }
                });
    }

    /** Counts the connection against its peer address; over the limit, closes it. */
    private boolean admit(Channel channel, SocketAddress remoteAddress) {
        if (!(remoteAddress instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true;
        }
        InetAddress client = inet.getAddress();
        int open = connectionsPerClient.merge(client, 1, Integer::sum);
        channel.closeFuture().addListener(closed -> connectionsPerClient.computeIfPresent(client,
                (key, count) -> count <= 1 ? null : count - 1));
        if (open > limits.maxConnectionsPerClient()) {
            channel.close();
            return false;
        }
        return true;
    }
}
