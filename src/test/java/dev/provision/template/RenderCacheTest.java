package dev.provision.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render cache only ever returns what the engine rendered for exactly the same template and variables. */
class RenderCacheTest {
    @TempDir
    Path dir;

    private RenderCache cache() {
        String before = System.getProperty("provision.cache.dir");
        System.setProperty("provision.cache.dir", dir.toString());
        try {
            return RenderCache.standard();
        } finally {
            if (before == null) {
                System.clearProperty("provision.cache.dir");
            } else {
                System.setProperty("provision.cache.dir", before);
            }
        }
    }

    private long remembered() throws Exception {
        if (!Files.isDirectory(dir.resolve("templates"))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir.resolve("templates"))) {
            return files.count();
        }
    }

    @Test
    void aSuccessfulRenderingIsRememberedAndGivenBackForTheSameInputs() throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(cache());
        Map<String, Object> vars = Map.of("port", 5432, "names", List.of("a", "b"));
        String first = renderer.render(Path.of("t.j2"), "port = {{ port }} {{ names | join(',') }}\n", vars, new Diagnostics());

        assertThat(first).isEqualTo("port = 5432 a,b\n");
        assertThat(remembered()).isEqualTo(1);
        assertThat(new TemplateRenderer(cache()).render(Path.of("t.j2"), "port = {{ port }} {{ names | join(',') }}\n", vars,
                new Diagnostics())).as("a later command gets the same text from the cache").isEqualTo(first);
        assertThat(new TemplateRenderer(cache()).render(Path.of("t.j2"), "port = {{ port }} {{ names | join(',') }}\n",
                Map.of("port", 5433, "names", List.of("a", "b")), new Diagnostics()))
                .as("other variables, another rendering").isEqualTo("port = 5433 a,b\n");
    }

    @Test
    void errorsAreNeverRememberedSoTheyAreReportedEveryTime() throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        assertThat(new TemplateRenderer(cache()).render(Path.of("t.j2"), "{{ missing }}", Map.of(), diagnostics)).isNull();
        assertThat(diagnostics.hasErrors()).isTrue();
        assertThat(remembered()).isZero();
    }

    @Test
    void aTemplateThatMayReadTheClockOrOtherFilesIsRenderedEveryTime() throws Exception {
        RenderCache cache = cache();
        assertThat(cache.key("{{ unixtimestamp() }}", Map.of())).isEmpty();
        assertThat(cache.key("{{ names | shuffle }}", Map.of())).isEmpty();
        assertThat(cache.key("{% include 'other.j2' %}", Map.of())).isEmpty();
        assertThat(cache.key("# rendered from a template at the time of apply\n{{ port }}", Map.of("port", 1)))
                .as("words outside expressions do not matter").isPresent();
    }

    @Test
    void variablesThatPrintAlikeHaveDifferentKeys() {
        RenderCache cache = cache();
        assertThat(cache.key("{{ settings }}", Map.of("settings", Map.of("a", "1, b=2"))))
                .isNotEqualTo(cache.key("{{ settings }}", Map.of("settings", new java.util.TreeMap<>(Map.of("a", "1", "b", "2")))));
        assertThat(cache.key("{{ port }}", Map.of("port", 1))).isNotEqualTo(cache.key("{{ port }}", Map.of("port", "1")));
    }
}
