package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The runnable jar carries provision's licence and its bundled libraries' licences and notices. */
class JarNoticesIT {

    private static String entry(JarFile jar, String name) throws IOException {
        var entry = jar.getJarEntry(name);
        assertThat(entry).as("%s is in the jar", name).isNotNull();
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theJarHasTheLicenceTheThirdPartyListAndTheMergedNotices() throws IOException {
        try (JarFile jar = new JarFile(Jar.JAR.toFile())) {
            assertThat(entry(jar, "META-INF/provision/LICENSE")).contains("Apache License", "Version 2.0");
            assertThat(entry(jar, "META-INF/THIRD-PARTY.txt"))
                    .as("every bundled library is listed with its licence")
                    .contains("org.postgresql:postgresql", "com.hierynomus:sshj", "com.hubspot.jinjava:jinjava",
                            "info.picocli:picocli", "org.yaml:snakeyaml", "org.pgcodekeeper:pgcodekeeper-core")
                    .doesNotContain("Unknown license");
            assertThat(entry(jar, "META-INF/NOTICE")).as("Apache-licensed libraries' notices are kept")
                    .contains("Apache Commons Lang");
        }
    }
}
