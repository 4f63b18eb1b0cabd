package dev.provision.incus;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint, and nothing else.
 *
 * <p>Incus servers present self-signed certificates; pinning the fingerprint (given by the trust token
 * or the inventory) is how its own client trusts them. The host name is not checked: the pinned
 * certificate is a stronger check than any name in it. Client certificates are never verified here.
 */
final class PinnedServerCertificate extends X509ExtendedTrustManager {
    private final String fingerprint;

    PinnedServerCertificate(String fingerprint) {
        this.fingerprint = IncusEndpoint.normalise(fingerprint);
    }

    /** The SHA-256 fingerprint of {@code certificate}, lower-case hex. */
    static String fingerprintOf(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        String presented = fingerprintOf(chain[0]);
        if (!presented.equals(fingerprint)) {
            throw new CertificateException("the server's certificate has the SHA-256 fingerprint " + presented
                    + ", not the pinned " + fingerprint + "; if the server was reinstalled, check its fingerprint"
                    + " (incus info | grep certificate_fingerprint on it) and update the inventory");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("provision does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
