package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Container sizes are binary whatever the spelling, as in PostgreSQL and LXC. */
class ByteSizeTest {
    @Test
    void parsesBinarySizes() {
        assertThat(ByteSize.parse("512MiB")).hasValue(512L << 20);
        assertThat(ByteSize.parse("512MB")).hasValue(512L << 20);
        assertThat(ByteSize.parse("2GiB")).hasValue(2L << 30);
        assertThat(ByteSize.parse("1G")).hasValue(1L << 30);
        assertThat(ByteSize.parse("1.5GiB")).hasValue(3L << 29);
        assertThat(ByteSize.parse("1024K")).hasValue(1L << 20);
    }

    @Test
    void rejectsAmbiguousOrMisspeltSizes() {
        assertThat(ByteSize.parse("2048")).as("a bare number has no unit").isEmpty();
        assertThat(ByteSize.parse("2Gb")).isEmpty();
        assertThat(ByteSize.parse("2GBB")).isEmpty();
        assertThat(ByteSize.parse("-1G")).isEmpty();
        assertThat(ByteSize.parse("99999999999T")).isEmpty();
    }

    @Test
    void formatsForMessages() {
        assertThat(ByteSize.format(2L << 30)).isEqualTo("2GiB");
        assertThat(ByteSize.format(1536L << 20)).isEqualTo("1.5GiB");
        assertThat(ByteSize.format(512)).isEqualTo("512B");
    }
}
