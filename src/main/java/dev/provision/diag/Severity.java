package dev.provision.diag;

/** How bad a diagnostic is: an error stops the command before anything is touched, a warning does not. */
public enum Severity {
    ERROR,
    WARNING
}
