package io.ringwatch.ingest.sim;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes truth rows as CSV ({@value #HEADER}), header first, one row per fraud event. */
public final class TruthCsv implements Closeable {
  public static final String HEADER = "event_id,account_id,scenario,ring_id";

  private final Writer writer;

  /** Writes the header to {@code writer} and takes ownership of it. */
  public TruthCsv(Writer writer) throws IOException {
    this.writer = writer;
    writer.write(HEADER);
    writer.write('\n');
  }

  public static TruthCsv open(Path file) throws IOException {
    return new TruthCsv(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  public void write(TruthRow row) throws IOException {
    writer.write(line(row));
    writer.write('\n');
  }

  /** One CSV line (without newline); an absent ring id is an empty cell. */
  public static String line(TruthRow row) {
    return cell(row.eventId())
        + ','
        + cell(row.accountId())
        + ','
        + row.scenario().name()
        + ','
        + (row.ringId() == null ? "" : cell(row.ringId()));
  }

  private static String cell(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
