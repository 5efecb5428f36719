package io.ringwatch.ingest.cli;

import java.io.PrintWriter;

/** A progress line on stderr about every two seconds. */
final class Progress {
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final String command;
  private final String flaggedLabel;
  private final long start = System.nanoTime();
  private long lastReport = start;

  Progress(PrintWriter err, String command, String flaggedLabel) {
    this.err = err;
    this.command = command;
    this.flaggedLabel = flaggedLabel;
  }

  void maybeReport(long sent, long flagged, long errors) {
    if (System.nanoTime() - lastReport >= EVERY_NANOS) {
      report(sent, flagged, errors);
    }
  }

  void report(long sent, long flagged, long errors) {
    long now = System.nanoTime();
    lastReport = now;
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    err.printf(
        "%s: sent=%d rate=%.1f/s %s=%d errors=%d%n",
        command, sent, sent / seconds, flaggedLabel, flagged, errors);
    err.flush();
  }
}
