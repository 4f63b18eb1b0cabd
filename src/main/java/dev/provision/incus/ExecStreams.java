package dev.provision.incus;

/** The stream secrets of an exec started with websockets: standard input, output, error, and control. */
public record ExecStreams(String operation, String stdin, String stdout, String stderr, String control) {

    @Override
    public String toString() {
        return "ExecStreams[" + operation + "]";
    }
}
