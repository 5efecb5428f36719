package io.ringwatch.ingest.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code ringwatch} command line: {@code simulate} traffic and {@code load} files into Kafka.
 * Exit codes: 0 success, 1 runtime failure (for example Kafka unreachable), 2 usage error.
 */
@Command(
    name = "ringwatch",
    mixinStandardHelpOptions = true,
    version = "ringwatch ingest 0.1.0",
    description = "Feeds transactions into Ringwatch's Kafka topic.",
    subcommands = {
      SimulateCommand.class,
      LoadCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      BacktestCommand.class
    })
public final class RingwatchCli implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: simulate, load, train, evaluate or backtest");
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    } catch (OutOfMemoryError e) {
      // The stack has unwound: what filled the heap is garbage now, and a message fits.
      System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
      code = CommandLine.ExitCode.SOFTWARE;
    }
    System.exit(code);
  }

  /** What a user reads when the input does not fit the heap: how big it was, how to give more. */
  static String outOfMemory(long maxHeapBytes) {
    return "error: out of memory: this input needs more than the Java heap's "
        + (maxHeapBytes >> 20)
        + " MB; give the JVM more, e.g. JAVA_TOOL_OPTIONS=-Xmx8g";
  }

  /** Runs the CLI with the given streams and returns its exit code instead of exiting. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new RingwatchCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println("error: " + e.getMessage());
          failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
          failed.getErr().flush();
          return CommandLine.ExitCode.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, failed, parseResult) -> {
          failed
              .getErr()
              .println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          failed.getErr().flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
