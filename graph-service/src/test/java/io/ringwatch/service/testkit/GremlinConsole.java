package io.ringwatch.service.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stock Gremlin Console 3.7.3 (from {@code launcher/target/console.classpath}) run as a child
 * process, non-interactively, connected to a Gremlin Server: the same thing {@code ./ringwatch
 * console -e FILE} does.
 *
 * <p>The console runs in a fresh temp directory whose {@code ext/plugins.txt} activates {@code
 * tinkerpop.server}, {@code tinkerpop.utilities} and {@code tinkerpop.tinkergraph} (what the
 * console's distribution ships in {@code ext/}), with the gremlin module's jar (the fraud DSL) on
 * its classpath. A prelude does {@code :remote connect tinkerpop.server remote.yaml} (for {@code
 * :>}) and runs {@code gremlin/conf/console-fraud.groovy}, which binds {@code g} and {@code fraud}
 * as traversal sources sending bytecode to the server: script lines run in the console's Groovy,
 * their traversals on the server. {@code launcher/conf/console-show-results.groovy} makes {@code
 * -e} mode print each result as {@code ==>value} the way the interactive console does.
 */
public final class GremlinConsole {
  /** The plugins the console distribution activates in {@code ext/plugins.txt}. */
  public static final List<String> PLUGINS =
      List.of(
          "org.apache.tinkerpop.gremlin.console.jsr223.DriverGremlinPlugin",
          "org.apache.tinkerpop.gremlin.console.jsr223.UtilitiesGremlinPlugin",
          "org.apache.tinkerpop.gremlin.tinkergraph.jsr223.TinkerGraphGremlinPlugin");

  private static final String MAIN_CLASS = "org.apache.tinkerpop.gremlin.console.Console";

  /** The gremlin module's jar (the fraud DSL), appended to the console's classpath. */
  public static final String GREMLIN_JAR = "gremlin-0.1.0-SNAPSHOT.jar";

  /**
   * What a console run produced.
   *
   * @param exitCode the console's exit code; -1 if it was killed after the timeout
   * @param stdout everything it printed on standard output
   * @param stderr everything it printed on standard error
   */
  public record ConsoleResult(int exitCode, String stdout, String stderr) {
    /** The printed results: the {@code ==>} lines of {@link #stdout()}, without the prefix. */
    public List<String> results() {
      return stdout
          .lines()
          .filter(line -> line.startsWith("==>"))
          .map(line -> line.substring(3))
          .toList();
    }

    /** Whether the console exited with 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  private GremlinConsole() {}

  /**
   * Runs {@code script} in the stock console connected to the Gremlin Server at {@code host:port}
   * (GraphBinary with {@code JanusGraphIoRegistry}) and waits for it to exit.
   *
   * @param script a Gremlin/Groovy script; each line is sent to the server
   * @param timeout how long to wait before killing the console (exit code -1)
   */
  public static ConsoleResult run(Path script, String host, int port, Duration timeout) {
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no such script: " + script);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Path launcherDir = KafkaBroker.launcherDir();
    Path projectDir = launcherDir.getParent().getParent();
    Path dslJar = projectDir.resolve("gremlin").resolve("target").resolve(GREMLIN_JAR);
    Path fraudPrelude =
        projectDir.resolve("gremlin").resolve("conf").resolve("console-fraud.groovy");
    if (!Files.isRegularFile(dslJar) || !Files.isRegularFile(fraudPrelude)) {
      throw new IllegalStateException(
          "missing " + dslJar + " or " + fraudPrelude + ": package the gremlin module first");
    }
    String classpath =
        readClasspath(launcherDir.resolve("console.classpath")) + File.pathSeparator + dslJar;
    Path showResults =
        launcherDir.getParent().resolve("conf").resolve("console-show-results.groovy");
    if (!Files.isRegularFile(showResults)) {
      throw new IllegalStateException("missing " + showResults);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("ringwatch-console-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the console's temp directory", e);
    }
    try {
      Path ext = Files.createDirectories(dir.resolve("ext"));
      Files.write(ext.resolve("plugins.txt"), PLUGINS, StandardCharsets.UTF_8);
      Path remoteYaml = dir.resolve("remote.yaml");
      Files.writeString(
          remoteYaml,
          remoteYaml(projectRemoteYaml(launcherDir), host, port),
          StandardCharsets.UTF_8);
      // Script paths must not contain spaces: the console splits a lone -e argument on " ".
      Path userScript = dir.resolve("script.groovy");
      Files.copy(script, userScript);
      Path prelude = dir.resolve("prelude.groovy");
      List<String> preludeLines = new ArrayList<>();
      preludeLines.add(":remote connect tinkerpop.server " + remoteYaml);
      preludeLines.add("rwRemote = '" + remoteYaml + "'; []");
      preludeLines.addAll(Files.readAllLines(fraudPrelude, StandardCharsets.UTF_8));
      preludeLines.addAll(Files.readAllLines(showResults, StandardCharsets.UTF_8));
      Files.write(prelude, preludeLines, StandardCharsets.UTF_8);

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-Dtinkerpop.ext=" + ext);
      command.add("-Duser.home=" + dir);
      command.add("-Duser.working_dir=" + dir);
      // The console keeps its colour preferences in java.util.prefs; a persistent root avoids the
      // JDK's "Created user preferences directory" notice on every run.
      command.add("-Djava.util.prefs.userRoot=" + launcherDir.resolve("console-prefs"));
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      command.add("-cp");
      command.add(classpath);
      command.add(MAIN_CLASS);
      command.add("-C"); // no ANSI colours: output is read by a test, not a terminal
      command.add("-e");
      command.add(prelude.toString());
      command.add("-e");
      command.add(userScript.toString());

      Path out = dir.resolve("stdout.txt");
      Path err = dir.resolve("stderr.txt");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      Thread hook = new Thread(process::destroyForcibly, "gremlin-console-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      int exitCode;
      try {
        if (KafkaBroker.waitFor(process, timeout)) {
          exitCode = process.exitValue();
        } else {
          process.destroyForcibly();
          KafkaBroker.waitFor(process, Duration.ofSeconds(10));
          exitCode = -1;
        }
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting; the hook kills the console
        }
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      if (exitCode == -1) {
        stderr += "\n[GremlinConsole] killed after " + timeout;
      }
      return new ConsoleResult(exitCode, Files.readString(out, StandardCharsets.UTF_8), stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run the Gremlin Console", e);
    } finally {
      KafkaBroker.deleteRecursively(dir);
    }
  }

  /**
   * {@code base} (the project's {@code gremlin/conf/remote.yaml}, or null for the default) with its
   * {@code hosts} and {@code port} replaced.
   */
  static String remoteYaml(String base, String host, int port) {
    if (base == null) {
      return "hosts: ["
          + host
          + "]\n"
          + "port: "
          + port
          + "\n"
          + "serializer:\n"
          + "  className: org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1\n"
          + "  config:\n"
          + "    ioRegistries: [org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry]\n";
    }
    StringBuilder yaml = new StringBuilder();
    boolean skippingHostList = false;
    for (String line : base.split("\n", -1)) {
      if (skippingHostList && (line.startsWith(" ") || line.startsWith("-"))) {
        continue; // an item of a block-style hosts list
      }
      skippingHostList = false;
      if (line.startsWith("hosts:")) {
        yaml.append("hosts: [").append(host).append("]\n");
        skippingHostList = line.strip().equals("hosts:");
      } else if (line.startsWith("port:")) {
        yaml.append("port: ").append(port).append('\n');
      } else {
        yaml.append(line).append('\n');
      }
    }
    return yaml.toString();
  }

  private static String projectRemoteYaml(Path launcherDir) throws IOException {
    Path shipped =
        launcherDir
            .getParent()
            .getParent()
            .resolve("gremlin")
            .resolve("conf")
            .resolve("remote.yaml");
    return Files.isRegularFile(shipped) ? Files.readString(shipped, StandardCharsets.UTF_8) : null;
  }

  private static String readClasspath(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "Gremlin Console classpath not found at "
              + file
              + ": run `./mvnw -B -pl launcher install` first (or set -D"
              + KafkaBroker.LAUNCHER_DIR_PROPERTY
              + ")");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
