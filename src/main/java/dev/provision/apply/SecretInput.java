package dev.provision.apply;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The standard input of a step that carries a secret: text, the secret, text; as bytes the caller wipes after use. */
final class SecretInput {
    private SecretInput() {}

    static byte[] bytes(String before, char[] secret, String after) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        Arrays.fill(secret, '\0');
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + encoded.remaining() + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        int secretLength = encoded.remaining();
        encoded.get(all, head.length, secretLength);
        System.arraycopy(tail, 0, all, head.length + secretLength, tail.length);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return all;
    }
}
