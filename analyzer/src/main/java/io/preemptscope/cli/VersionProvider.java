package io.preemptscope.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so it is never typed twice. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"preemptscope " + (version == null ? "(development build)" : version)};
    }
}
