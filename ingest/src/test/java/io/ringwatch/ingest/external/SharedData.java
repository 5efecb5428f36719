package io.ringwatch.ingest.external;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's shared, read-only samples from external generators ({@code ../shared/data} beside
 * the repository), read in place and never copied. Found through the {@code RINGWATCH_SHARED}
 * environment variable, else {@code shared/} beside the repository or above it, else {@code
 * /work/shared}.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared directory, if this machine has it. */
  public static Optional<Path> root() {
    String env = System.getenv("RINGWATCH_SHARED");
    Stream<Path> candidates =
        Stream.concat(
            env == null ? Stream.empty() : Stream.of(Path.of(env)),
            Stream.concat(
                ancestors().map(p -> p.resolve("shared")), Stream.of(Path.of("/work/shared"))));
    return candidates.filter(p -> Files.isDirectory(p.resolve("data"))).findFirst();
  }

  /** {@code data/<name>} of the shared directory; skips the calling test when it is absent. */
  public static Path sample(String name) {
    Optional<Path> root = root();
    Assumptions.assumeTrue(
        root.isPresent(),
        "shared data not found: set RINGWATCH_SHARED to the directory holding data/" + name);
    Path dir = root.get().resolve("data").resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "no shared sample " + dir);
    return dir;
  }

  private static Stream<Path> ancestors() {
    Path here = Path.of("").toAbsolutePath();
    List<Path> list = new java.util.ArrayList<>();
    for (Path p = here; p != null; p = p.getParent()) {
      list.add(p);
    }
    return list.stream();
  }
}
