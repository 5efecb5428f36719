package io.ringwatch.ingest.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringwatch.detectors.rules.BacktestReport;
import io.ringwatch.detectors.rules.Outcome;
import java.util.Map;

/**
 * A {@link BacktestReport} on the wire (the answer of {@code POST /rules/backtest} and of {@code
 * ringwatch backtest --json}), in the snake_case of the other Ringwatch documents. Undefined ratios
 * (no labelled flags, no labelled fraud) are null.
 */
public final class BacktestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BacktestJson() {}

  public static ObjectNode toNode(BacktestReport report) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("replayed", report.replayed());
    node.put("counted", report.counted());
    node.put("labelled", report.labelled());
    node.put("fraud", report.positives());
    node.put(
        "first_event_time",
        report.firstEventTime() == null ? null : report.firstEventTime().toString());
    node.put(
        "last_event_time",
        report.lastEventTime() == null ? null : report.lastEventTime().toString());
    node.put("model_version", report.modelVersion());
    node.set("candidate", ruleSet(report.candidate()));
    node.set("active", ruleSet(report.active()));
    ObjectNode diff = node.putObject("difference");
    diff.put("changed", report.changed());
    diff.put("newly_flagged", report.newlyFlagged());
    diff.put("no_longer_flagged", report.noLongerFlagged());
    ArrayNode transitions = diff.putArray("transitions");
    for (Outcome from : Outcome.values()) {
      for (Outcome to : Outcome.values()) {
        long n = report.transitions().get(from).get(to);
        if (n > 0) {
          transitions.addObject().put("from", from.name()).put("to", to.name()).put("events", n);
        }
      }
    }
    report.newlyFlaggedSample().forEach(diff.putArray("newly_flagged_sample")::add);
    report.noLongerFlaggedSample().forEach(diff.putArray("no_longer_flagged_sample")::add);
    return node;
  }

  private static ObjectNode ruleSet(BacktestReport.RuleSetResult set) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("version", set.version());
    node.put("flagged", set.flagged());
    ObjectNode outcomes = node.putObject("outcomes");
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome.name(), set.outcomes().getOrDefault(outcome, 0L));
    }
    BacktestReport.Quality q = set.quality();
    node.put("precision", q.precision());
    node.put("recall", q.recall());
    node.put("true_positives", q.truePositives());
    node.put("false_positives", q.falsePositives());
    node.put("false_negatives", q.falseNegatives());
    node.put("true_negatives", q.trueNegatives());
    node.put("events_with_rule_errors", set.eventsWithErrors());
    ArrayNode rules = node.putArray("rules");
    for (BacktestReport.RuleResult r : set.rules()) {
      rules
          .addObject()
          .put("rule_id", r.ruleId())
          .put("outcome", r.outcome().name())
          .put("priority", r.priority())
          .put("hits", r.hits())
          .put("deciding_hits", r.decidingHits())
          .put("fraud_hits", r.fraudHits())
          .put("precision", r.precision())
          .put("recall", r.recall());
    }
    return node;
  }

  /** A plain-text rendering for the terminal. */
  public static String toText(BacktestReport report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "replayed %d events, counted %d (%d labelled, %d fraud), event time %s .. %s, model"
                + " %s%n",
            report.replayed(),
            report.counted(),
            report.labelled(),
            report.positives(),
            report.firstEventTime(),
            report.lastEventTime(),
            report.modelVersion()));
    for (Map.Entry<String, BacktestReport.RuleSetResult> entry :
        Map.of("candidate", report.candidate(), "active", report.active()).entrySet().stream()
            .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
            .toList()) {
      BacktestReport.RuleSetResult set = entry.getValue();
      out.append(
          String.format(
              "%n%s rule set (version %d): flagged %d, precision %s, recall %s%n",
              entry.getKey(),
              set.version(),
              set.flagged(),
              percent(set.quality().precision()),
              percent(set.quality().recall())));
      out.append(
          String.format(
              "  %-32s %-7s %8s %8s %8s %9s %7s%n",
              "rule", "outcome", "hits", "deciding", "fraud", "precision", "recall"));
      for (BacktestReport.RuleResult r : set.rules()) {
        out.append(
            String.format(
                "  %-32s %-7s %8d %8d %8d %9s %7s%n",
                r.ruleId(),
                r.outcome(),
                r.hits(),
                r.decidingHits(),
                r.fraudHits(),
                percent(r.precision()),
                percent(r.recall())));
      }
    }
    out.append(
        String.format(
            "%ndifference: %d events change outcome; %d newly flagged, %d no longer flagged%n",
            report.changed(), report.newlyFlagged(), report.noLongerFlagged()));
    for (Outcome from : Outcome.values()) {
      for (Outcome to : Outcome.values()) {
        long n = report.transitions().get(from).get(to);
        if (n > 0 && from != to) {
          out.append(String.format("  %s -> %s: %d%n", from, to, n));
        }
      }
    }
    if (!report.newlyFlaggedSample().isEmpty()) {
      out.append("  newly flagged, e.g.: ")
          .append(String.join(", ", report.newlyFlaggedSample()))
          .append('\n');
    }
    if (!report.noLongerFlaggedSample().isEmpty()) {
      out.append("  no longer flagged, e.g.: ")
          .append(String.join(", ", report.noLongerFlaggedSample()))
          .append('\n');
    }
    return out.toString();
  }

  private static String percent(Double ratio) {
    return ratio == null ? "n/a" : String.format("%.1f%%", 100 * ratio);
  }
}
