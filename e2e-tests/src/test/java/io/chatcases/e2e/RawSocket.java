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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client over a plain TCP socket, for what client libraries will not do: read only when
 * told to (a truly slow reader, with a tiny receive buffer; libraries buffer incoming frames in
 * memory), or write any frame at all (bad opcodes, invalid UTF-8, fragments).
 */
final class RawSocket implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;

    /** The upgrade's HTTP status (101 when accepted). */
    final int status;

    /** Opens the agent socket as a slow reader; refused upgrades throw. */
    RawSocket(int port, String token) throws IOException {
        this(port, true, token, 4096);
        if (status != 101) {
            throw new IOException("upgrade refused: " + status);
        }
    }

    /**
     * Opens the customer socket (token as query parameter) or the agent socket (token in
     * Sec-WebSocket-Protocol, as browsers do); {@code receiveBuffer} > 0 shrinks the receive
     * buffer. A refused upgrade is reported in {@link #status}.
     */
    RawSocket(int port, boolean agent, String token, int receiveBuffer) throws IOException {
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        socket.setSoTimeout(10_000);
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
                "GET "
                        + (agent
                                ? "/ws/agent"
                                : "/ws/customer?token="
                                        + URLEncoder.encode(token, StandardCharsets.UTF_8))
                        + " HTTP/1.1\r\nHost: localhost:"
                        + port
                        + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(key)
                        + "\r\n"
                        + (agent
                                ? "Sec-WebSocket-Protocol: bearer-token-carrier, "
                                        + carrier
                                        + "\r\n"
                                : "")
                        + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = readLine(in);
        status = line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : -1;
        while (!readLine(in).isEmpty()) {
            // the response's headers
        }
    }

    /** Sends a masked text frame (clients must mask). */
    void sendText(String text) throws IOException {
        frame(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked frame with the given first byte (FIN, RSV, opcode) and payload. */
    void frame(int first, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write(first);
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
        return readUntilClose(timeoutMs, new ArrayList<>());
    }

    /**
     * Reads until a close frame (its code; 1005 without one; -1 at the end of the stream or a
     * timeout); every text frame read is added to {@code texts}.
     */
    int readUntilClose(int timeoutMs, List<String> texts) {
        try {
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
                int op = b0 & 0x0f;
                if (op == 0x8) {
                    return payload.length >= 2
                            ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
                            : 1005;
                }
                if (op == 0x1) {
                    texts.add(new String(payload, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            return -1;
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
