package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientIdentityTest {
    @TempDir
    Path dir;

    @Test
    void isMadeOnceOwnerOnlyAndReusedAfterwards() throws Exception {
        Path file = dir.resolve("new/incus-client.p12");
        ClientIdentity first = ClientIdentity.loadOrCreate(file, "pw-for-test".toCharArray());
        assertThat(Files.getPosixFilePermissions(file)).as("the key file is readable by its owner only")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).as("a directory made for it is the owner's only")
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(ClientIdentity.loadOrCreate(file, "pw-for-test".toCharArray()).fingerprint())
                .as("the second run reuses the certificate the server already trusts").isEqualTo(first.fingerprint());
        assertThat(first.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.count()).as("no temporary file is left beside it").isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutRepeatingIt() {
        Path file = dir.resolve("incus-client.p12");
        ClientIdentity.loadOrCreate(file, "right-password".toCharArray());
        assertThatThrownBy(() -> ClientIdentity.loadOrCreate(file, "wrong-password".toCharArray()))
                .as("a wrong password fails with the file named and the password not shown")
                .isInstanceOf(IncusException.class).hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password").doesNotContain("right-password"));
    }

    @Test
    void thePinAcceptsExactlyOneCertificate() throws Exception {
        ClientIdentity a = ClientIdentity.loadOrCreate(dir.resolve("a.p12"), "x".toCharArray());
        ClientIdentity b = ClientIdentity.loadOrCreate(dir.resolve("b.p12"), "x".toCharArray());
        X509Certificate certA = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(a.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        new PinnedServerCertificate(a.fingerprint()).checkServerTrusted(new X509Certificate[] {certA}, "EC");
        assertThatThrownBy(() -> new PinnedServerCertificate(b.fingerprint()).checkServerTrusted(new X509Certificate[] {certA}, "EC"))
                .as("another certificate is refused, naming the fingerprint presented and the one pinned")
                .isInstanceOf(CertificateException.class).hasMessageContaining(a.fingerprint()).hasMessageContaining(b.fingerprint());
        assertThatThrownBy(() -> new PinnedServerCertificate(a.fingerprint()).checkClientTrusted(new X509Certificate[] {certA}, "EC"))
                .as("provision never accepts client connections").isInstanceOf(CertificateException.class);
    }
}
