package dev.provision.transport.ssh;

import com.jcraft.jsch.Identity;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj's {@code publickey} authentication with a key held by ssh-agent: the agent signs, the private
 * key never leaves it.
 *
 * <p>Like sshj's own {@code AuthPublickey}, it first offers the public key and signs only when the
 * server accepts it. An RSA key is offered as {@code rsa-sha2-512}: OpenSSH refuses SHA-1 signatures.
 */
final class AgentKeyAuth extends AbstractAuthMethod {

    private final Identity key;
    private final String algorithm;

    AgentKeyAuth(Identity key) {
        super("publickey");
        this.key = key;
        this.algorithm = "ssh-rsa".equals(key.getAlgName()) ? "rsa-sha2-512" : key.getAlgName();
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd == Message.USERAUTH_60) {
            params.getTransport().write(signed(request(true)));
        } else {
            super.handle(cmd, buf);
        }
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm).putString(key.getPublicKeyBlob());
    }

    /** Appends the agent's signature over the session id and the request (RFC 4252, section 7). */
    private SSHPacket signed(SSHPacket request) throws UserAuthException {
        byte[] data = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(request)
                .getCompactData();
        byte[] signature = key.getSignature(data, algorithm);
        if (signature == null) {
            throw new UserAuthException("ssh-agent refused to sign with the key " + key.getName()
                    + " (a key added with ssh-add -c waits for a confirmation that did not come)");
        }
        // The agent's answer is already the signature blob: string algorithm, string signature.
        return request.putBytes(signature);
    }

    /** The key's comment in the agent, usually the file it was added from. */
    String keyName() {
        return key.getName();
    }
}
