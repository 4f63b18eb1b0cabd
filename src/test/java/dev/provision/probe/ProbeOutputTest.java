package dev.provision.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeOutputTest {

    @Test
    void readsOneRecordPerLineKeyThenValue() {
        List<ProbeOutput.Entry> entries = ProbeOutput.parse("os debian\nlxc-net-dhcp up\ncontainer-down\n");
        assertThat(entries).extracting(ProbeOutput.Entry::key).as("one record a line, blank lines skipped")
                .containsExactly("os", "lxc-net-dhcp", "container-down");
        assertThat(entries.get(2).value()).as("a record without a value has an empty one").isEmpty();
        assertThat(entries.get(2).fields(-1)).as("an empty value has no fields").isEmpty();
    }

    @Test
    void splitsFieldsAtSpacesAndKeepsTheRestInTheLastOne() {
        ProbeOutput.Entry lock = ProbeOutput.parse("lock container.app 12 provision pid 4242 on ci since 2026-11-28T03:00Z")
                .get(0);
        assertThat(lock.fields(3)).as("an owner with spaces stays whole as the last field")
                .containsExactly("container.app", "12", "provision pid 4242 on ci since 2026-11-28T03:00Z");
        assertThat(lock.field(3, 3, "none")).as("a field the value does not have falls back").isEqualTo("none");
    }

    @Test
    void keepsABlockVerbatimUpToItsEndLine() {
        List<ProbeOutput.Entry> entries = ProbeOutput.parse(
                "file-begin postgresql.conf\nport = 5432\n\n# last\n\nfile-end\npid 42\n");
        assertThat(entries).extracting(ProbeOutput.Entry::key).containsExactly("file", "pid");
        assertThat(entries.get(0).value()).isEqualTo("postgresql.conf");
        assertThat(entries.get(0).text()).as("blank lines inside a block are the file's own")
                .isEqualTo("port = 5432\n\n# last\n\n");
    }

    @Test
    void stopsAtTheFurtherReadsOfAPsqlSession() {
        List<ProbeOutput.Entry> entries = ProbeOutput.parse("settings-begin\nport|postmaster|f\n@@ 0\nnot a record\n");
        assertThat(entries).as("an unclosed block ends where the reads begin, and nothing after them is a record")
                .hasSize(1);
        assertThat(entries.get(0).block()).containsExactly("port|postmaster|f");
    }
}
