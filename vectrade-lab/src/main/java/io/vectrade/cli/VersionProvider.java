package io.vectrade.cli;

import picocli.CommandLine;

/** Version from the jar manifest, or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VectradeCli.class.getPackage().getImplementationVersion();
        return new String[] {"vectrade " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
