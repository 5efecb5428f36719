package io.ringwatch.service.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.Backtest;
import io.ringwatch.detectors.rules.BacktestReport;
import io.ringwatch.detectors.rules.CompiledRuleSet;
import io.ringwatch.detectors.rules.Rule;
import io.ringwatch.detectors.rules.RuleCompilation;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.rules.RuleSet;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.History;
import io.ringwatch.ingest.backtest.LabelledEvents;
import io.ringwatch.ingest.backtest.RuleSetJson;
import io.ringwatch.service.ingest.StoredEvents;
import io.ringwatch.service.rest.InvalidRules;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Backtests of a candidate rule set for {@code POST /rules/backtest}: on the graph's stored history
 * in a time range (with the fraud labels stored on the transactions) or on labelled events sent
 * inline, against the active rule set and with the model in force (see {@link Backtest}). Plain
 * code; each call builds its own feature state, so backtests never touch the live one.
 */
public final class RuleBacktests {
  /** Most events one backtest replays (warm-up included). */
  public static final int MAX_EVENTS = 1_000_000;

  /** Events replayed when the request does not say. */
  public static final int DEFAULT_MAX_EVENTS = 200_000;

  private final ActiveRules rules;
  private final ModelHolder models;
  private final GraphQueries graph;
  private final FeatureSettings settings;
  private final int maxAccountsPerDevice;

  public RuleBacktests(
      ActiveRules rules,
      ModelHolder models,
      GraphQueries graph,
      FeatureSettings settings,
      int maxAccountsPerDevice) {
    this.rules = rules;
    this.models = models;
    this.graph = graph;
    this.settings = settings;
    this.maxAccountsPerDevice = maxAccountsPerDevice;
  }

  /** What a backtest replayed besides its report. */
  public record Result(
      BacktestReport report, String source, long matched, boolean truncated, long fromEdgeOnly) {}

  /**
   * Runs the backtest a request body asks for.
   *
   * @throws IllegalArgumentException for a malformed request (answered 400)
   * @throws InvalidRules when the candidate does not compile (answered 422)
   */
  public Result run(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object with \"rules\"");
    }
    List<Rule> candidateRules = RuleSetJson.rules(body.get("rules"));
    int sample = intField(body, "sample", Backtest.DEFAULT_SAMPLE, 0, 1000);
    int maxEvents = intField(body, "max_events", DEFAULT_MAX_EVENTS, 1, MAX_EVENTS);
    Duration warmUp = duration(body, "warm_up");
    CompiledRuleSet active = rules.current();
    RuleCompilation compiled =
        new RuleCompiler().compile(new RuleSet(active.version() + 1, candidateRules));
    if (compiled instanceof RuleCompilation.Failed failed) {
      throw new InvalidRules(failed.errors());
    }
    CompiledRuleSet candidate = ((RuleCompilation.Compiled) compiled).rules();

    List<Transaction> events;
    Instant countFrom;
    String source;
    long matched;
    boolean truncated;
    long fromEdgeOnly = 0;
    JsonNode inline = body.get("events");
    if (inline != null && !inline.isNull()) {
      if (body.hasNonNull("from") || body.hasNonNull("to")) {
        throw new IllegalArgumentException("give either events or from/to, not both");
      }
      events = inlineEvents(inline, maxEvents);
      JsonNode fraudIds = body.get("fraud_ids");
      if (fraudIds != null && !fraudIds.isNull()) {
        events = LabelledEvents.relabel(events, ids(fraudIds));
      }
      countFrom =
          events.stream()
              .map(Transaction::timestamp)
              .min(Comparator.naturalOrder())
              .map(first -> first.plus(warmUp))
              .orElse(null);
      source = "events";
      matched = events.size();
      truncated = false;
    } else {
      Instant from = instant(body, "from");
      Instant to = body.hasNonNull("to") ? instant(body, "to") : null;
      if (from == null) {
        throw new IllegalArgumentException("give events, or from (and optionally to) to replay");
      }
      if (to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException("from must be before to");
      }
      History history = graph.history(from.minus(warmUp), to, maxEvents, StoredEvents::decode);
      events = history.events();
      countFrom = from;
      source = "graph";
      matched = history.matched();
      truncated = history.truncated();
      fromEdgeOnly = history.fromEdgeOnly();
    }
    FeatureExtractor features =
        new FeatureExtractor(
            settings, new InMemoryGraphFeatures(settings.maxKeys(), maxAccountsPerDevice));
    BacktestReport report =
        new Backtest(features, models.current(), candidate, active, countFrom, sample).run(events);
    return new Result(report, source, matched, truncated, fromEdgeOnly);
  }

  private static List<Transaction> inlineEvents(JsonNode inline, int maxEvents) {
    if (!inline.isArray()) {
      throw new IllegalArgumentException("events must be an array of events");
    }
    if (inline.size() > maxEvents) {
      throw new IllegalArgumentException(
          "events holds " + inline.size() + " events, more than max_events " + maxEvents);
    }
    List<Transaction> events = new ArrayList<>(inline.size());
    for (int i = 0; i < inline.size(); i++) {
      byte[] record = inline.get(i).toString().getBytes(StandardCharsets.UTF_8);
      events.add(LabelledEvents.decode(record, "events[" + i + "]"));
    }
    return events;
  }

  private static Set<String> ids(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("fraud_ids must be an array of event ids");
    }
    Set<String> ids = new HashSet<>();
    array.forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static int intField(JsonNode body, String field, int fallback, int min, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      throw new IllegalArgumentException(field + " must be an integer in " + min + ".." + max);
    }
    return value.intValue();
  }

  private static Duration duration(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(value.asText());
      if (d.isNegative() || d.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(field + " must be between PT0S and P7D");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " must be an ISO-8601 duration such as PT1H, was '" + value.asText() + "'");
    }
  }

  private static Instant instant(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field
              + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was '"
              + value.asText()
              + "'");
    }
  }
}
