package io.ringwatch.ingest.external;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The public generators whose native files Ringwatch reads ({@code --format}). */
public enum ExternalFormat {
  /** IBM AMLSim: account-to-account transfers with laundering rings. */
  AMLSIM("amlsim", "IBM AMLSim transactions.csv(.gz) + accounts.csv(.gz)", AmlSimLoader::new),
  /** PaySim (voutilad fork): mobile money with first-party identity rings. */
  PAYSIM("paysim", "PaySim rawLog.csv(.gz) + clients.csv(.gz)", PaySimLoader::new),
  /** The Fraud Detection Handbook's simulated card transactions. */
  FDH("fdh", "Fraud Detection Handbook transactions.csv(.gz)", FdhLoader::new);

  private final String cliName;
  private final String description;
  private final Supplier<ExternalLoader> loader;

  ExternalFormat(String cliName, String description, Supplier<ExternalLoader> loader) {
    this.cliName = cliName;
    this.description = description;
    this.loader = loader;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public ExternalLoader loader() {
    return loader.get();
  }

  /**
   * The format named {@code name}, case-insensitive.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static ExternalFormat of(String name) {
    for (ExternalFormat format : values()) {
      if (format.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "'; expected one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(ExternalFormat::cliName).collect(Collectors.joining(", "));
  }
}
