package dev.provision.transport;

import org.junit.jupiter.api.Test;

import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileModesTest {

    @Test
    void convertsOctalModes() {
        assertThat(PosixFilePermissions.toString(FileModes.toPermissions(0640))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(FileModes.toPermissions(0755))).isEqualTo("rwxr-xr-x");
        assertThat(FileModes.toOctal(0600)).isEqualTo("0600");
    }

    @Test
    void refusesSpecialBits() {
        assertThatThrownBy(() -> FileModes.toOctal(04755)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setuid");
    }
}
