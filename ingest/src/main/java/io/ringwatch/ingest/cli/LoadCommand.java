package io.ringwatch.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.ingest.external.ExternalDataset;
import io.ringwatch.ingest.external.ExternalFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringwatch load FILE}: publishes JSON lines as-is, or CSV rows converted to canonical JSON.
 * Undecodable records are still published (with a null key) so the service dead-letters them with
 * their reason.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "Publishes a JSON-lines or CSV file to Kafka.")
final class LoadCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description =
          "JSON lines (one record per line) or CSV with a header row; with --format, the"
              + " generator's directory.")
  Path file;

  @Option(
      names = "--format",
      description =
          "Read FILE as a directory of a public generator's native files: amlsim, paysim or fdh"
              + " (label columns are not read).")
  String format;

  @Option(
      names = "--map",
      paramLabel = "csvColumn=canonicalField,...",
      description = "Read FILE as CSV and map its columns to canonical fields.")
  String map;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = "transactions",
      description = "Topic to publish to (default: ${DEFAULT-VALUE}).")
  String topic;

  private final TransactionDecoder decoder = new TransactionDecoder();
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws IOException {
    if (format != null) {
      return publishExternal();
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "cannot read file: " + file);
    }
    boolean csv =
        map != null || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    PrintWriter err = spec.commandLine().getErr();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvRows rows = csv ? csvRows(reader.readLine()) : null;
      Iterator<byte[]> values =
          reader
              .lines()
              .filter(line -> !line.isBlank())
              .map(
                  line ->
                      rows == null
                          ? line.getBytes(StandardCharsets.UTF_8)
                          : toBytes(rows.toCanonical(CsvRows.split(line))))
              .iterator();
      return publish(values, err);
    }
  }

  private int publishExternal() throws IOException {
    ExternalFormat source;
    try {
      source = ExternalFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!Files.isDirectory(file)) {
      throw new ParameterException(
          spec.commandLine(), "with --format, FILE must be the generator's directory: " + file);
    }
    PrintWriter err = spec.commandLine().getErr();
    ExternalDataset data = source.loader().load(file);
    err.printf("load: read %s from %s: %s%n", source.cliName(), file, data.counts());
    err.flush();
    Iterator<byte[]> values = data.transactions().stream().map(CanonicalJson::encode).iterator();
    return publish(values, err);
  }

  private byte[] toBytes(Object node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private int publish(Iterator<byte[]> values, PrintWriter err) {
    Progress progress = new Progress(err, "load", "undecodable");
    long sent = 0;
    long undecodable = 0;
    try (KafkaPublisher publisher =
        new KafkaPublisher(bootstrapServers, topic, "ringwatch-loader")) {
      while (values.hasNext()) {
        byte[] value = values.next();
        DecodeResult result = decoder.decode(value);
        String key = null;
        if (result instanceof DecodeResult.Accepted accepted) {
          key = accepted.transaction().account().value();
        } else {
          undecodable++;
        }
        publisher.send(key, value);
        sent++;
        if (publisher.reportIfUnreachable(err, "load", topic, bootstrapServers)) {
          return 1;
        }
        progress.maybeReport(sent, undecodable, publisher.errors());
      }
      publisher.close();
      progress.report(sent, undecodable, publisher.errors());
      err.printf(
          "load: published %d records from %s to %s at %s (%d undecodable, sent with a null key for the service to dead-letter; %d acknowledged; %d send errors)%n",
          sent,
          file,
          topic,
          bootstrapServers,
          undecodable,
          publisher.acknowledged(),
          publisher.errors());
      if (publisher.firstError() != null) {
        err.println("load: first error: " + publisher.firstError());
      }
      err.flush();
      return publisher.errors() == 0 ? 0 : 1;
    }
  }

  private CsvRows csvRows(String headerLine) {
    if (headerLine == null) {
      throw new ParameterException(spec.commandLine(), "CSV file is empty: " + file);
    }
    try {
      Map<String, String> mapping = CsvRows.parseMapping(map);
      return new CsvRows(CsvRows.split(headerLine), mapping);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
