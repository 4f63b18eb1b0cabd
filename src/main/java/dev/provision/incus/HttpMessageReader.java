package dev.provision.incus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Parses one complete HTTP/1.1 response (status line, headers, a body by length, chunks, or to the end). */
final class HttpMessageReader {
    private HttpMessageReader() {}

    /**
     * The response in {@code bytes}, which hold everything the server sent before closing.
     *
     * @throws IncusException when the bytes are not an HTTP response
     */
    static WireResponse read(byte[] bytes) {
        int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            throw new IncusException("the Incus socket closed before a complete response (" + bytes.length + " bytes)");
        }
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IncusException("the Incus socket answered something that is not HTTP: " + lines[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IncusException("the Incus socket answered a bad status line: " + lines[0], e);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + "," + b);
            }
        }
        int bodyStart = headEnd + 4;
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = dechunk(bytes, bodyStart);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (bodyStart + length > bytes.length) {
                throw new IncusException("the Incus socket closed after " + (bytes.length - bodyStart) + " of " + length + " body bytes");
            }
            body = java.util.Arrays.copyOfRange(bytes, bodyStart, bodyStart + length);
        } else {
            body = java.util.Arrays.copyOfRange(bytes, bodyStart, bytes.length);
        }
        return new WireResponse(status, headers, body);
    }

    private static byte[] dechunk(byte[] bytes, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = from;
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            int lineEnd = indexOf(bytes, crlf, at);
            if (lineEnd < 0) {
                throw new IncusException("the Incus socket closed inside a chunked body");
            }
            String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).strip(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (at + size > bytes.length) {
                throw new IncusException("the Incus socket closed inside a chunk");
            }
            out.write(bytes, at, size);
            at += size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
