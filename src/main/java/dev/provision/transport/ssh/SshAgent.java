package dev.provision.transport.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The keys a running ssh-agent holds, listed over its Unix-domain socket ({@code SSH_AUTH_SOCK}).
 *
 * <p>The agent protocol is spoken by jsch's maintained agent client (Java 16+ Unix-domain sockets,
 * no native library); sshj 0.40 has no agent support of its own.
 */
final class SshAgent {

    private SshAgent() {}

    /**
     * The agent's keys, in the agent's order.
     *
     * @throws IllegalStateException with a message that says why the agent could not be asked
     */
    static List<Identity> keys(Path socket) {
        if (!Files.exists(socket)) {
            throw new IllegalStateException("the ssh-agent socket " + socket + " does not exist");
        }
        try {
            SSHAgentConnector connector = new SSHAgentConnector(new UnixDomainSocketFactory(), socket);
            AgentIdentityRepository agent = new AgentIdentityRepository(connector);
            return List.copyOf(agent.getIdentities());
        } catch (AgentProxyException | RuntimeException e) {
            throw new IllegalStateException("ssh-agent at " + socket + " did not answer: " + e.getMessage(), e);
        }
    }
}
