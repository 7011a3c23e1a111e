package io.chatcases.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client over a plain TCP socket with a tiny receive buffer that reads only when told
 * to: the one way to be a truly slow reader (client libraries buffer incoming frames in memory).
 */
final class RawSocket implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;

    /** Opens the agent socket with the token in Sec-WebSocket-Protocol, as browsers do. */
    RawSocket(int port, String token) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        String carrier =
                URLEncoder.encode(
                                "quarkus-http-upgrade#Authorization#Bearer " + token,
                                StandardCharsets.UTF_8)
                        .replace("+", "%20");
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request =
                "GET /ws/agent HTTP/1.1\r\nHost: localhost:"
                        + port
                        + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(key)
                        + "\r\nSec-WebSocket-Protocol: bearer-token-carrier, "
                        + carrier
                        + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine(in);
        if (!status.contains(" 101 ")) {
            throw new IOException("upgrade refused: " + status);
        }
        while (!readLine(in).isEmpty()) {
            // the response's headers
        }
    }

    /** Sends a masked text frame (clients must mask). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** Reads frames until a close frame; returns its status code (-1 when the stream ends). */
    int readUntilClose(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return -1;
            }
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = in.readNBytes((int) len);
            if ((b0 & 0x0f) == 0x8) {
                return payload.length >= 2
                        ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
                        : 1005;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
