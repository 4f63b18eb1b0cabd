package dev.provision.resource.pgserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerReaderTest {
    private static final String SERVER = """
            hostaddr 10.0.3.1/24
            admin-secret yes
            installed 15\s
            locales C C.utf8 en_US.utf8
            cluster online
            pid 42
            file-begin postgresql.conf
            port = 5432
            file-end
            file-begin pg_hba.conf
            local all postgres peer
            file-end
            file-begin postgresql.auto.conf

            file-end
            settings-begin
            shared_buffers|postmaster|f
            work_mem|user|t
            provision:admin-role|provision_admin|f
            """;

    @Test
    void theServersFactsAreReadUpToTheFurtherReadsThatFollowThem() {
        ServerState state = ServerReader.parse(SERVER + """
                settings-end
                @@provision-read 0
                [{"name":"cluster online","context":"settings-begin"}]
                @@provision-read 1
                file-begin pg_hba.conf
                """);

        assertThat(state.hostAddress()).isEqualTo("10.0.3.1");
        assertThat(state.adminReady()).isTrue();
        assertThat(state.online()).isTrue();
        assertThat(state.contexts()).containsOnlyKeys("shared_buffers", "work_mem");
        assertThat(state.files().get("pg_hba.conf")).isEqualTo("local all postgres peer");
    }

    @Test
    void settingsCutShortByAFailedSessionEndAtTheFurtherReads() {
        ServerState state = ServerReader.parse(SERVER + """
                @@provision-read 0
                work_mem|internal|f
                file-begin pg_hba.conf
                host all all all trust
                file-end
                """);

        assertThat(state.contexts()).containsEntry("work_mem", "user").hasSize(2);
        assertThat(state.files().get("pg_hba.conf")).isEqualTo("local all postgres peer");
    }
}
