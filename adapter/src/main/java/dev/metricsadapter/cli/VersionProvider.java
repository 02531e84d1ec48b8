package dev.metricsadapter.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest ({@code dev} when run from classes). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"metrics-adapter " + (version == null ? "dev" : version)};
  }
}
