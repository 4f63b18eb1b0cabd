package dev.provision.resource.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The backup probe's output, parsed without a host. */
class BackupReaderTest {

    @Test
    void readsFilesTimersArchiverAndTheStanza() {
        String output = """
                repository yes
                installed yes
                file-begin /etc/pgbackrest/pgbackrest.conf
                [global]
                repo1-path=/var/lib/pgbackrest
                file-end
                file-begin /etc/systemd/system/provision-backup-full.timer
                [Timer]
                file-end
                enabled enabled
                archiver 12 1 1800000000 1799999000 1800000100 - on
                info [{"backup":[{"archive":{"start":"000000010000000000000004","stop":"000000010000000000000004"},\
                "error":false,"info":{"repository":{"delta":100,"size":200},"size":300},"label":"20270115-080000F",\
                "timestamp":{"start":1799990000,"stop":1799990060},"type":"full"}],"name":"main",\
                "status":{"code":0,"message":"ok"}}]
                """;

        BackupState state = BackupReader.parse(output);

        assertThat(state.repositoryOnHost()).isTrue();
        assertThat(state.installed()).isTrue();
        assertThat(state.files().get(BackupFiles.CONF)).isEqualTo("[global]\nrepo1-path=/var/lib/pgbackrest");
        assertThat(state.enabled()).containsEntry("provision-backup-full.timer", true);
        assertThat(state.archiver().failing()).as("archived after the last failure").isFalse();
        assertThat(state.stanza().exists()).isTrue();
        assertThat(state.stanza().newestFull().label()).isEqualTo("20270115-080000F");
        assertThat(state.stanza().newestFull().stop()).isEqualTo(1799990060L);
    }

    @Test
    void aMissingStanzaAndAnUnreadableRepositoryAreNotOk() {
        assertThat(BackupReader.stanza("[{\"backup\":[],\"name\":\"main\",\"status\":{\"code\":1,\"message\":\"missing stanza path\"}}]").exists())
                .isFalse();
        assertThat(BackupReader.stanza("").exists()).as("pgbackrest info failed outright").isFalse();
        assertThat(BackupReader.stanza("[{\"backup\":[],\"status\":{\"code\":2,\"message\":\"no valid backups\"}}]").exists())
                .as("a stanza without backups exists").isTrue();
    }
}
