package be.samenbord.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * The HTTP idle timeout (rule LI-8, {@code SAMENBORD_HTTP_IDLE_MS}) closes a connection that sends
 * nothing, or stops halfway through a request. Vert.x applies it to every connection of the
 * server; an upgraded WebSocket instead has the hello timeout and the heartbeat (HE-1, LI-7), so a
 * quiet board (a facilitator talking for a minute) is not cut off by it.
 */
public final class IdleConnections {

    private IdleConnections() {
    }

    /** Takes the idle timeout off an accepted WebSocket's connection. */
    public static void keepUpgraded(ServerWebSocket ws) {
        if (!(ws instanceof WebSocketInternal internal)) {
            throw new IllegalStateException("this Vert.x version's WebSocket gives no access to its channel: " + ws.getClass().getName());
        }
        ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
        if (pipeline.get(IdleStateHandler.class) != null) pipeline.remove(IdleStateHandler.class);
    }
}
