package dev.provision.incus;

import java.util.Locale;
import java.util.Map;

/** One raw HTTP response from the Incus API: status, headers (names in lower case) and body bytes. */
record WireResponse(int status, Map<String, String> headers, byte[] body) {

    WireResponse {
        headers = Map.copyOf(headers);
    }

    /** The header's value, or {@code null}; {@code name} in any case. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
