package dev.library.gateway.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Closes a connection whose next request line and headers have not all arrived within the deadline
 * (Envoy's {@code request_headers_timeout}). The clock starts when the connection opens and again
 * when the last request on it has been answered; it stops when a request's headers are decoded. An
 * idle timeout alone cannot do this: each byte a client drips restarts it. Sits right after the HTTP
 * codec, so it sees decoded requests and whole responses; one instance per connection, on its event loop.
 */
final class RequestHeaderDeadline extends ChannelDuplexHandler {

    private final long timeoutNanos;
    private int unanswered;
    private ScheduledFuture<?> deadline;

    RequestHeaderDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            stop();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // A pipelined request may already be waiting: the clock runs only when none is. A 100 Continue
        // (a full response, so a LastHttpContent too) answers nothing yet.
        if (msg instanceof LastHttpContent && !informational(msg) && unanswered > 0 && --unanswered == 0) {
            start(ctx);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void start(ChannelHandlerContext ctx) {
        stop();
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void stop() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
