package io.ringwatch.detectors.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A versioned, self-describing trained-model file: a ZIP holding {@code manifest.properties}
 * (format {@value #FORMAT}, model version, library, creation time, the feature names in the model's
 * column order), {@code metrics.json} (the held-out metrics printed at training) and {@code
 * model.ubj} (the XGBoost booster in its Universal Binary JSON format). Written to a temporary file
 * and moved into place, so that a reader never sees half a file.
 *
 * @param version the model version every decision will carry, e.g. {@code gbt-20261125-071500}
 * @param featureNames the model's columns, by {@code FeatureNames} name
 * @param metrics named held-out metrics (ROC AUC, PR AUC, precision at 1%, sizes)
 * @param booster the library's model bytes
 */
public record ModelFile(
    String version, List<String> featureNames, Map<String, Double> metrics, byte[] booster) {
  public static final String FORMAT = "ringwatch-model-1";
  public static final String LIBRARY = "xgboost4j 3.4.0";

  private static final String MANIFEST = "manifest.properties";
  private static final String METRICS = "metrics.json";
  private static final String BOOSTER = "model.ubj";

  public ModelFile {
    Objects.requireNonNull(version, "version");
    if (version.isBlank() || !version.matches("[A-Za-z0-9._:-]+")) {
      throw new IllegalArgumentException("a model version is letters, digits, . _ : -: " + version);
    }
    featureNames = List.copyOf(featureNames);
    if (featureNames.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one feature");
    }
    metrics = Map.copyOf(metrics);
    booster = booster.clone();
  }

  @Override
  public byte[] booster() {
    return booster.clone();
  }

  /** Writes the file atomically (a temporary sibling moved over {@code path}). */
  public void write(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".model-", ".tmp");
    try {
      try (OutputStream file = Files.newOutputStream(temporary);
          ZipOutputStream zip = new ZipOutputStream(file)) {
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(manifest().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(METRICS));
        zip.write(metricsJson().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(BOOSTER));
        zip.write(booster);
        zip.closeEntry();
      }
      Files.move(
          temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Reads a model file, or says precisely why it cannot. */
  public static ModelFile read(Path path) throws ModelFileException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream file = Files.newInputStream(path);
        ZipInputStream zip = new ZipInputStream(file)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        zip.transferTo(bytes);
        entries.put(entry.getName(), bytes.toByteArray());
      }
    } catch (NoSuchFileException e) {
      throw new ModelFileException("model file " + path + " does not exist", e);
    } catch (IOException e) {
      throw new ModelFileException("model file " + path + " is unreadable: " + e.getMessage(), e);
    }
    for (String required : List.of(MANIFEST, BOOSTER)) {
      if (!entries.containsKey(required)) {
        throw new ModelFileException(
            "model file " + path + " is not a " + FORMAT + " file: no " + required);
      }
    }
    Properties manifest = new Properties();
    try {
      manifest.load(new StringReader(new String(entries.get(MANIFEST), StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelFileException("model file " + path + " has a corrupt manifest", e);
    }
    if (!FORMAT.equals(manifest.getProperty("format"))) {
      throw new ModelFileException(
          "model file "
              + path
              + " has format '"
              + manifest.getProperty("format")
              + "', this build reads "
              + FORMAT);
    }
    String features = manifest.getProperty("features", "");
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String name : manifest.stringPropertyNames()) {
      if (name.startsWith("metric.")) {
        try {
          metrics.put(name.substring(7), Double.parseDouble(manifest.getProperty(name)));
        } catch (NumberFormatException e) {
          throw new ModelFileException("model file " + path + " has a corrupt metric " + name, e);
        }
      }
    }
    try {
      return new ModelFile(
          manifest.getProperty("version", ""),
          features.isEmpty() ? List.of() : Arrays.asList(features.split(",")),
          metrics,
          entries.get(BOOSTER));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("model file " + path + ": " + e.getMessage(), e);
    }
  }

  private String manifest() {
    StringBuilder out = new StringBuilder();
    out.append("format=").append(FORMAT).append('\n');
    out.append("version=").append(version).append('\n');
    out.append("library=").append(LIBRARY).append('\n');
    out.append("features=").append(String.join(",", featureNames)).append('\n');
    for (Map.Entry<String, Double> metric : new java.util.TreeMap<>(metrics).entrySet()) {
      out.append("metric.").append(metric.getKey()).append('=').append(metric.getValue());
      out.append('\n');
    }
    return out.toString();
  }

  /** The metrics as a flat JSON object, for people and tools reading the file. */
  public String metricsJson() {
    List<String> fields = new ArrayList<>();
    fields.add("\"version\":\"" + version + "\"");
    for (Map.Entry<String, Double> metric : new java.util.TreeMap<>(metrics).entrySet()) {
      double value = metric.getValue();
      fields.add(
          "\""
              + metric.getKey()
              + "\":"
              + (Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "null"));
    }
    return "{" + String.join(",", fields) + "}\n";
  }
}
