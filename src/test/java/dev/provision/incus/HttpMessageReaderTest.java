package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpMessageReaderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyByContentLengthStopsAtTheLength() {
        WireResponse response = HttpMessageReader.read(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}trailing"));
        assertThat(response.status()).as("the status code comes from the status line").isEqualTo(200);
        assertThat(response.header("CONTENT-TYPE")).as("header names are matched in any case").isEqualTo("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).as("only Content-Length bytes are the body").isEqualTo("{}");
    }

    @Test
    void aChunkedBodyIsReassembled() {
        WireResponse response = HttpMessageReader.read(bytes("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).as("chunks are joined without their size lines")
                .isEqualTo("hello, world");
    }

    @Test
    void aBodyWithoutLengthRunsToTheEnd() {
        WireResponse response = HttpMessageReader.read(bytes("HTTP/1.0 200 OK\r\n\r\nall of it"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).as("with neither length nor chunks the body ends when the socket closes")
                .isEqualTo("all of it");
    }

    @Test
    void aTruncatedResponseIsAnErrorNotAShortBody() {
        assertThatThrownBy(() -> HttpMessageReader.read(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")))
                .as("a body shorter than announced must not pass as complete")
                .isInstanceOf(IncusException.class).hasMessageContaining("5 of 10");
        assertThatThrownBy(() -> HttpMessageReader.read(bytes("HTTP/1.1 200 OK\r\nContent")))
                .as("a response cut inside its headers must fail").isInstanceOf(IncusException.class);
        assertThatThrownBy(() -> HttpMessageReader.read(bytes("SSH-2.0-OpenSSH\r\n\r\n")))
                .as("something that is not HTTP must fail").isInstanceOf(IncusException.class).hasMessageContaining("not HTTP");
    }
}
