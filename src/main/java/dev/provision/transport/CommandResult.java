package dev.provision.transport;

/** The outcome of one remote command: its exit status and what it printed. */
public record CommandResult(int exitStatus, String stdout, String stderr) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
