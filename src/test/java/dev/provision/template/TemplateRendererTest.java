package dev.provision.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void undefinedVariableIsAnErrorWithItsLine() {
        Diagnostics diagnostics = new Diagnostics();

        String out = renderer.render(Path.of("t.j2"), "a = 1\nb = {{ missing }}\n", Map.of(), diagnostics);

        assertThat(out).isNull();
        assertThat(diagnostics.errors()).singleElement().satisfies(d -> {
            assertThat(d.at().line()).as("the line of the undefined variable").isEqualTo(2);
            assertThat(d.summary()).contains("missing");
        });
    }

    @Test
    void shippedTemplateSizesMemoryFromTheContainerLimit() throws Exception {
        String template = Files.readString(Path.of("templates/postgresql.conf.j2"));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("version", 15);
        vars.put("cluster", "main");
        vars.put("port", 5432);
        vars.put("listen_addresses", List.of("*"));
        vars.put("memory_bytes", 2L * 1024 * 1024 * 1024);
        vars.put("cpus", 2);
        vars.put("settings", Map.of("work_mem", "8MB"));
        vars.put("archive_command", "");
        Diagnostics diagnostics = new Diagnostics();

        String out = renderer.render(Path.of("templates/postgresql.conf.j2"), template, vars, diagnostics);

        assertThat(diagnostics.sorted()).isEmpty();
        assertThat(out).contains("shared_buffers = 512MB", "effective_cache_size = 1536MB", "work_mem = '8MB'",
                "listen_addresses = '*'", "data_directory = '/var/lib/postgresql/15/main'");
        assertThat(out).as("no backups declared: no WAL archiving").doesNotContain("archive_mode", "archive_command");
    }

    @Test
    void shippedTemplateArchivesWalToPgBackRestWhenBackupsAreDeclared() throws Exception {
        String template = Files.readString(Path.of("templates/postgresql.conf.j2"));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("version", 15);
        vars.put("cluster", "main");
        vars.put("port", 5432);
        vars.put("listen_addresses", List.of("*"));
        vars.put("memory_bytes", 0L);
        vars.put("cpus", 0);
        vars.put("settings", Map.of());
        vars.put("archive_command", "pgbackrest --stanza=main archive-push %p");
        Diagnostics diagnostics = new Diagnostics();

        String out = renderer.render(Path.of("templates/postgresql.conf.j2"), template, vars, diagnostics);

        assertThat(diagnostics.sorted()).isEmpty();
        assertThat(out).as("backups need archive_mode on and pgBackRest's archive-push")
                .contains("\narchive_mode = on\n", "\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n");
    }
}
