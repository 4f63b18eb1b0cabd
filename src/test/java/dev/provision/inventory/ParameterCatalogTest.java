package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The offline catalog says what PostgreSQL 15's pg_settings says, and values are checked as the server would. */
class ParameterCatalogTest {
    private final ParameterCatalog catalog = ParameterCatalog.pg15();

    @Test
    void describesServerAndSessionParameters() {
        Parameter sharedBuffers = catalog.lookup("shared_buffers").orElseThrow();
        assertThat(sharedBuffers.context()).isEqualTo(Parameter.Context.POSTMASTER);
        assertThat(sharedBuffers.context().needsRestart()).isTrue();
        assertThat(sharedBuffers.type()).isEqualTo(Parameter.Type.INTEGER);
        assertThat(sharedBuffers.unit()).isEqualTo("8kB");
        assertThat(sharedBuffers.usesMemory()).isTrue();

        Parameter workMem = catalog.lookup("work_mem").orElseThrow();
        assertThat(workMem.context().settablePerDatabase()).isTrue();

        assertThat(catalog.lookup("max_wal_size").orElseThrow().usesMemory()).as("WAL size is disk, not memory").isFalse();
        assertThat(catalog.lookup("checkpoint_completion_target").orElseThrow().context()).isEqualTo(Parameter.Context.SIGHUP);
        assertThat(catalog.lookup("log_connections").orElseThrow().context().pgName()).isEqualTo("superuser-backend");
    }

    @Test
    void looksUpNamesCaseInsensitively() {
        assertThat(catalog.lookup("DateStyle")).isPresent();
        assertThat(catalog.lookup("datestyle")).isPresent();
        assertThat(catalog.lookup("no_such_parameter")).isEmpty();
        assertThat(catalog.names()).contains("DateStyle", "work_mem").hasSizeGreaterThan(300);
    }

    @Test
    void knowsEnumValues() {
        assertThat(catalog.lookup("wal_level").orElseThrow().enumValues()).containsExactlyInAnyOrder("minimal", "replica", "logical");
    }

    @Test
    void hasOnlyTheVersionsWithAResource() {
        assertThat(ParameterCatalog.versions()).as("the majors Debian's releases package").containsExactly(13, 15, 17, 18);
        assertThat(ParameterCatalog.forVersion(16)).as("no reachable release packages 16").isEmpty();
    }

    @Test
    void eachMajorHasItsOwnServersParameters() {
        for (int major : ParameterCatalog.versions()) {
            ParameterCatalog c = ParameterCatalog.forVersion(major).orElseThrow();
            assertThat(c.version()).isEqualTo(major);
            assertThat(c.names()).as("PostgreSQL %s's catalogue is complete", major).contains("work_mem", "shared_buffers")
                    .hasSizeGreaterThan(300);
        }
        assertThat(ParameterCatalog.forVersion(13).orElseThrow().lookup("stats_temp_directory"))
                .as("removed in 15, so only 13 has it").isPresent();
        assertThat(ParameterCatalog.pg15().lookup("stats_temp_directory")).isEmpty();
        assertThat(ParameterCatalog.pg15().lookup("vacuum_defer_cleanup_age")).as("removed in 16").isPresent();
        assertThat(ParameterCatalog.forVersion(17).orElseThrow().lookup("vacuum_defer_cleanup_age")).isEmpty();
        assertThat(ParameterCatalog.forVersion(17).orElseThrow().lookup("summarize_wal")).as("added in 17").isPresent();
        assertThat(ParameterCatalog.pg15().lookup("summarize_wal")).isEmpty();
        assertThat(ParameterCatalog.forVersion(18).orElseThrow().lookup("io_method")).as("added in 18").isPresent();
        assertThat(ParameterCatalog.forVersion(17).orElseThrow().lookup("io_method")).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "shared_buffers|128MB", "shared_buffers|16384", "shared_buffers|1GB", "shared_buffers|  1.5GB ",
        "work_mem|64kB", "work_mem|1GB", "statement_timeout|5min", "statement_timeout|0", "statement_timeout|250ms",
        "enable_seqscan|off", "enable_seqscan|TRUE", "enable_seqscan|y", "enable_seqscan|of", "enable_seqscan|1",
        "synchronous_commit|true", "synchronous_commit|remote_apply", "wal_level|REPLICA",
        "random_page_cost|1.1", "random_page_cost|4", "checkpoint_completion_target|0.9", "vacuum_cost_delay|2ms",
        "search_path|'$user', public", "max_connections|100", "log_temp_files|-1",
    })
    void acceptsWhatPostgresAccepts(String name, String value) {
        Parameter p = catalog.lookup(name).orElseThrow();
        assertThat(ParameterValues.check(p, value)).as("%s = %s", name, value).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "shared_buffers|512MBB|unknown unit \"MBB\"", "shared_buffers|2Gb|unknown unit \"Gb\"",
        "shared_buffers|64kB|out of range", "work_mem|4kB|out of range", "work_mem|lots|must be an integer size",
        "statement_timeout|10sec|unknown unit \"sec\"", "statement_timeout|1GB|unknown unit \"GB\"",
        "enable_seqscan|o|must be a boolean", "enable_seqscan|maybe|must be a boolean",
        "wal_level|full|must be one of minimal, replica, logical", "max_connections|0|out of range",
        "max_connections|10MB|without a unit", "random_page_cost|-1|out of range",
    })
    void rejectsWhatPostgresRejects(String name, String value, String problem) {
        Parameter p = catalog.lookup(name).orElseThrow();
        assertThat(ParameterValues.check(p, value)).as("%s = %s", name, value).get()
                .extracting(ParameterValues.Problem::summary).asString().contains(problem);
    }

    @Test
    void convertsSizesToBytes() {
        assertThat(ParameterValues.bytes(catalog.lookup("shared_buffers").orElseThrow(), "512MB")).hasValue(512L << 20);
        assertThat(ParameterValues.bytes(catalog.lookup("shared_buffers").orElseThrow(), "16384")).as("no unit: 8kB pages")
                .hasValue(128L << 20);
        assertThat(ParameterValues.bytes(catalog.lookup("work_mem").orElseThrow(), "1024")).hasValue(1L << 20);
        assertThat(ParameterValues.bytes(catalog.lookup("work_mem").orElseThrow(), "1Gb")).isEmpty();
    }
}
