package io.chatcases.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy the test controls, for the network faults no process signal gives (there is no
 * Toxiproxy or netem here):
 *
 * <ul>
 *   <li>{@link #cut()} resets every connection and refuses new ones (the server is away), {@link
 *       #restore()} listens again on the same port;
 *   <li>{@link #freeze()} keeps every connection open but forwards nothing either way, and accepts
 *       new connections without answering (a hung peer, a black-holed route), {@link #thaw()}
 *       forwards again, nothing lost;
 *   <li>{@link #delay(long)} holds every chunk for that many milliseconds before forwarding (a slow
 *       link; 0 ends it).
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile ServerSocket server;
    private volatile boolean frozen;
    private volatile long delayMs;

    private TcpProxy(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** Starts a proxy to {@code host:targetPort} on a free local port. */
    public static TcpProxy start(String host, int targetPort) {
        return start(host, targetPort, freePort());
    }

    /** Starts a proxy to {@code host:targetPort} on {@code port}. */
    public static TcpProxy start(String host, int targetPort, int port) {
        TcpProxy p = new TcpProxy(host, targetPort, port);
        p.restore();
        return p;
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The server goes away: live connections are reset, new ones refused. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
        thaw();
    }

    /** The server is back. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            daemon(() -> accept(s));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connections stay open, but no byte moves either way until {@link #thaw()}. */
    public void freeze() {
        frozen = true;
    }

    /** Bytes move again; whatever was held is forwarded in order. */
    public void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    /** Every chunk waits this long before it is forwarded; 0 forwards at once. */
    public void delay(long millis) {
        delayMs = millis;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                open.add(client);
                daemon(() -> connect(client));
            } catch (IOException e) {
                // closed by cut(): the accept loop ends with the socket
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitThawed();
            Socket upstream = new Socket(targetHost, targetPort);
            open.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            // the target refused: so does the proxy
            closeQuietly(client);
            open.remove(client);
        }
    }

    private void awaitThawed() {
        synchronized (gate) {
            while (frozen) {
                try {
                    gate.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        daemon(
                () -> {
                    byte[] buf = new byte[16384];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            awaitThawed();
                            long d = delayMs;
                            if (d > 0) {
                                Thread.sleep(d);
                            }
                            out.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        // connection cut
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                });
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
