package io.chatcases.gateway.endpoint;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Whether a socket's outbound buffer is full (Vert.x {@code writeQueueFull()}: the peer is not
 * reading as fast as we write). websockets-next 3.33 does not expose this signal and its send
 * futures complete before the bytes leave, so the Vert.x socket behind the connection is reached
 * once by reflection. Should a Quarkus upgrade remove that method, slow-reader detection turns off
 * with one warning instead of failing connections.
 */
final class WriteQueue {
    private static final Logger LOG = Logger.getLogger(WriteQueue.class);
    private static final Method WEB_SOCKET = find();

    private WriteQueue() {}

    private static Method find() {
        try {
            Class<?> base =
                    Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
            Method m = base.getDeclaredMethod("webSocket");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("slow-reader detection is off: %s", e);
            return null;
        }
    }

    static boolean full(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return false;
        }
        try {
            return ((WebSocketBase) WEB_SOCKET.invoke(connection)).writeQueueFull();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A socket closing under us: nothing to bound any more.
            return false;
        }
    }
}
