package io.ringwatch.ingest.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * A generator's CSV file, plain or gzipped, read row by row through its header. Label columns are
 * guarded: asking for one throws {@link LabelColumnException}, so a loader cannot read an outcome
 * as input by mistake. Lines follow RFC 4180 quoting, one record per line.
 */
public final class CsvFile {
  private final Path path;
  private final Set<String> labelColumns;

  private CsvFile(Path path, Set<String> labelColumns) {
    this.path = path;
    this.labelColumns = Set.copyOf(labelColumns);
  }

  /**
   * The file {@code name} or {@code name.gz} in {@code dir}.
   *
   * @throws NoSuchFileException naming both candidates when neither exists
   */
  public static CsvFile in(Path dir, String name, Set<String> labelColumns)
      throws NoSuchFileException {
    Path plain = dir.resolve(name);
    Path gzipped = dir.resolve(name + ".gz");
    if (Files.isRegularFile(plain)) {
      return new CsvFile(plain, labelColumns);
    }
    if (Files.isRegularFile(gzipped)) {
      return new CsvFile(gzipped, labelColumns);
    }
    throw new NoSuchFileException(
        plain + " (nor " + gzipped.getFileName() + ")", null, "the input directory has no " + name);
  }

  /** Whether {@code name} or {@code name.gz} exists in {@code dir}. */
  public static boolean exists(Path dir, String name) {
    return Files.isRegularFile(dir.resolve(name)) || Files.isRegularFile(dir.resolve(name + ".gz"));
  }

  public Path path() {
    return path;
  }

  /**
   * Calls {@code action} with every data row, in file order.
   *
   * @param required columns that must be in the header (a label column here is refused)
   * @throws MalformedInputException naming the file and line of a row with too few cells or of a
   *     missing required column
   */
  public void forEach(List<String> required, Consumer<Row> action) throws IOException {
    for (String column : required) {
      guard(column);
    }
    try (BufferedReader reader = open()) {
      String headerLine = reader.readLine();
      if (headerLine == null) {
        throw new MalformedInputException(path + " is empty; expected a header line");
      }
      List<String> header = split(stripBom(headerLine));
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        index.put(header.get(i).strip(), i);
      }
      for (String column : required) {
        if (!index.containsKey(column)) {
          throw new MalformedInputException(
              path + " has no column '" + column + "'; its header is " + header);
        }
      }
      Row row = new Row(index);
      String line;
      long lineNumber = 1;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        row.reset(split(line), lineNumber);
        action.accept(row);
      }
    }
  }

  private BufferedReader open() throws IOException {
    InputStream in = Files.newInputStream(path);
    if (path.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private void guard(String column) {
    if (labelColumns.contains(column)) {
      throw new LabelColumnException(path, column);
    }
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** One data row; valid only inside the callback that received it. */
  public final class Row {
    private final Map<String, Integer> index;
    private List<String> cells = List.of();
    private long line;

    private Row(Map<String, Integer> index) {
      this.index = index;
    }

    private void reset(List<String> cells, long line) {
      this.cells = cells;
      this.line = line;
    }

    /** The line number in the file, 1 being the header. */
    public long line() {
      return line;
    }

    /**
     * The stripped cell of {@code column}.
     *
     * @throws LabelColumnException if {@code column} is a label
     * @throws MalformedInputException if the row has no such cell or it is empty
     */
    public String get(String column) {
      String value = optional(column);
      if (value == null) {
        throw new MalformedInputException(where() + ": empty '" + column + "'");
      }
      return value;
    }

    /** The stripped cell of {@code column}, or null when absent or empty. */
    public String optional(String column) {
      guard(column);
      Integer i = index.get(column);
      if (i == null || i >= cells.size()) {
        return null;
      }
      String value = cells.get(i).strip();
      return value.isEmpty() ? null : value;
    }

    /** "file line N", for messages. */
    public String where() {
      return path.getFileName() + " line " + line;
    }
  }

  /** Splits one CSV line, honouring double quotes and doubled quotes inside them. */
  public static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
