package dev.provision.incus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * provision's client certificate and key for Incus, kept in a PKCS12 file readable by its owner only.
 *
 * <p>{@link #loadOrCreate} makes a self-signed ECDSA P-384 certificate the first time (as Incus's own
 * client does) and reuses it afterwards. The key never leaves the file and this object; the password
 * protecting the file is a secret like the others and is never logged.
 */
public final class ClientIdentity {
    private static final String ALIAS = "provision";

    private final KeyStore store;
    private final char[] password;
    private final X509Certificate certificate;

    private ClientIdentity(KeyStore store, char[] password) throws GeneralSecurityException {
        this.store = store;
        this.password = password.clone();
        this.certificate = (X509Certificate) store.getCertificate(ALIAS);
    }

    /**
     * Reads the identity from {@code file}, or creates it there (mode 0600, its directory 0700 when new)
     * when the file does not exist.
     *
     * @throws IncusException when the file cannot be read, written, or opened with {@code password}
     */
    public static ClientIdentity loadOrCreate(Path file, char[] password) {
        try {
            if (!Files.exists(file)) {
                create(file, password);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            if (!(store.getKey(ALIAS, password) instanceof PrivateKey)) {
                throw new IncusException(file + " holds no key named " + ALIAS + "; move it away and run again to make a new"
                        + " client certificate (then trust it with a new token)");
            }
            return new ClientIdentity(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IncusException("cannot open the Incus client certificate " + file + ": " + e.getMessage()
                    + "; check the file and its password secret", e);
        }
    }

    private static void create(Path file, char[] password) throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(pair);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[] {certificate});
        Path temporary = Files.createTempFile(dir, ".incus-client-", ".p12",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                // Another run made it first: use theirs.
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=provision,O=provision");
        Instant now = Instant.now();
        try {
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic());
            var signer = new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the client certificate", e);
        }
    }

    /** The key store holding the key and certificate, for the TLS client. */
    KeyStore keyStore() {
        return store;
    }

    /** The password of {@link #keyStore()}'s key; a copy. */
    char[] password() {
        return password.clone();
    }

    /** The certificate's SHA-256 fingerprint, lower-case hex: how Incus names a trusted client. */
    public String fingerprint() {
        return PinnedServerCertificate.fingerprintOf(certificate);
    }

    /** The certificate in PEM form (public; never the key). */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + fingerprint() + "]";
    }
}
