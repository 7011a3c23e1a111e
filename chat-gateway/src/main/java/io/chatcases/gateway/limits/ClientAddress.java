package io.chatcases.gateway.limits;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The client address that limits are keyed on. {@code X-Forwarded-For} is honoured only when the
 * direct peer is a trusted proxy (configured CIDRs, none by default): then the entries are read
 * right to left, skipping trusted proxies, and the first untrusted one is the client. Anyone can
 * write the left part of that header, so it is never read past an untrusted hop. Addresses are
 * parsed as literals only (no DNS); an unreadable entry ends the walk at the hop that sent it.
 */
public final class ClientAddress {
    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> list = new ArrayList<>();
        for (String s : trustedProxies) {
            if (!s.isBlank()) {
                list.add(Cidr.parse(s.strip()));
            }
        }
        this.trusted = List.copyOf(list);
    }

    /**
     * The client's address for a request from {@code peer} carrying these {@code X-Forwarded-For}
     * header values (in order of arrival; null or empty when absent).
     */
    public String of(String peer, List<String> forwardedFor) {
        String current = peer;
        if (!isTrusted(current) || forwardedFor == null) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = literal(hops.get(i));
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return current;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    /** The canonical text of an IP literal (brackets and an IPv4 port dropped), or null. */
    static String literal(String entry) {
        String s = entry;
        if (s.startsWith("[") && s.indexOf(']') > 0) {
            s = s.substring(1, s.indexOf(']'));
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        return bytes == null ? null : NetUtil.bytesToIpAddress(bytes);
    }

    /**
     * An address block such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is one host.
     */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
            if (bytes == null) {
                throw new IllegalArgumentException("not an IP address block: " + text);
            }
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + text);
            }
            return new Cidr(bytes, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
