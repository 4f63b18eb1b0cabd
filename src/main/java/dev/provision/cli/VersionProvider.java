package dev.provision.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so it is written in one place: the pom. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ProvisionCommand.class.getPackage().getImplementationVersion();
        return new String[] {"provision " + (version == null ? "(development build)" : version)};
    }
}
