package io.ringwatch.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelFile;
import io.ringwatch.detectors.rules.Backtest;
import io.ringwatch.detectors.rules.BacktestReport;
import io.ringwatch.detectors.rules.CompiledRuleSet;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompilation;
import io.ringwatch.detectors.rules.RuleCompileError;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.rules.RuleSet;
import io.ringwatch.ingest.backtest.BacktestJson;
import io.ringwatch.ingest.backtest.LabelledEvents;
import io.ringwatch.ingest.backtest.RuleSetJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ringwatch backtest}: a candidate rule set against the active one on a labelled file,
 * offline (the service's {@code POST /rules/backtest} does the same on stored history).
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Replays labelled events through a candidate rule set and the active one:",
      "features recomputed in event-time order by a fresh feature state, one model",
      "score per event, both rule sets over the same features. Reports hits per",
      "rule, precision and recall against the labels, and which events would",
      "change outcome. Exit code 2 when a rule does not compile (each error names",
      "the rule, line and column)."
    })
final class BacktestCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      description =
          "JSON-lines file of events in any input format (e.g. ringwatch simulate --output),"
              + " labelled by is_fraud unless --truth is given.")
  Path input;

  @Option(
      names = "--truth",
      description =
          "Truth CSV (ringwatch simulate --truth): listed event ids are fraud, all others not.")
  Path truth;

  @Option(
      names = "--rules",
      required = true,
      description = "Candidate rule set: JSON {\"rules\": [...]} as PUT /rules takes it.")
  Path rules;

  @Option(
      names = "--active",
      description = "Rule set to compare with, same format (default: the built-in default rules).")
  Path active;

  @Option(
      names = "--model",
      description = "Trained model file (ringwatch train; default: the heuristic model).")
  Path model;

  @Option(
      names = "--warm-up",
      defaultValue = "PT0S",
      description =
          "ISO-8601 duration from the first event during which events only warm the feature"
              + " state and are not counted, e.g. PT15M (default: ${DEFAULT-VALUE}).")
  String warmUp;

  @Option(
      names = "--sample",
      defaultValue = "20",
      description = "Event ids listed per direction of change (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Duration warm;
    try {
      warm = Duration.parse(warmUp);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--warm-up must be an ISO-8601 duration such as PT15M: " + warmUp);
    }
    if (warm.isNegative() || sample < 0 || sample > 1000) {
      throw new ParameterException(
          spec.commandLine(), "need --warm-up >= 0 and 0 <= --sample <= 1000");
    }
    ObjectMapper mapper = new ObjectMapper();
    RuleCompiler compiler = new RuleCompiler();
    CompiledRuleSet activeSet =
        active == null
            ? compile(compiler, DefaultRules.ruleSet(), "--active")
            : compile(compiler, new RuleSet(1, read(mapper, active, "--active")), "--active");
    CompiledRuleSet candidate =
        compile(
            compiler,
            new RuleSet(activeSet.version() + 1, read(mapper, rules, "--rules")),
            "--rules");
    Model scoring =
        model == null
            ? new HeuristicLogisticModel()
            : GradientBoostedModel.of(ModelFile.read(model));

    List<Transaction> events = LabelledEvents.read(input);
    if (truth != null) {
      events = LabelledEvents.relabel(events, LabelledEvents.truthIds(truth));
    }
    Instant countFrom =
        events.stream()
            .map(Transaction::timestamp)
            .min(Comparator.naturalOrder())
            .map(first -> first.plus(warm))
            .orElse(null);
    BacktestReport report =
        new Backtest(
                new FeatureExtractor(
                    FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000)),
                scoring,
                candidate,
                activeSet,
                countFrom,
                sample)
            .run(events);
    if (json) {
      out.println(
          mapper
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(BacktestJson.toNode(report)));
    } else {
      out.print(BacktestJson.toText(report));
    }
    return 0;
  }

  private List<io.ringwatch.detectors.rules.Rule> read(
      ObjectMapper mapper, Path file, String option) throws java.io.IOException {
    JsonNode node;
    try {
      node = mapper.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ParameterException(
          spec.commandLine(), option + " " + file + " is not JSON: " + e.getOriginalMessage());
    }
    try {
      return RuleSetJson.rules(node);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + " " + file + ": " + e.getMessage());
    }
  }

  private CompiledRuleSet compile(RuleCompiler compiler, RuleSet set, String option) {
    RuleCompilation result = compiler.compile(set);
    if (result instanceof RuleCompilation.Failed failed) {
      StringBuilder message = new StringBuilder(option + " does not compile:");
      for (RuleCompileError error : failed.errors()) {
        message.append("\n  ").append(error.describe());
      }
      throw new ParameterException(spec.commandLine(), message.toString());
    }
    return ((RuleCompilation.Compiled) result).rules();
  }
}
