package io.ringwatch.ingest.quality;

import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.RankingMetrics;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.ingest.sim.Scenario;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The scoring quality harness: replays seeded simulator traffic through a real {@link Scorer} (the
 * default rules and the given model) and reports, per scenario, the share of events flagged (REVIEW
 * or BLOCK), the benign false-positive rate, the rule hits and top reasons behind benign flags, and
 * the ROC AUC, PR AUC and precision at the top 1% of the insight score against the labels. Run it
 * from {@code ScoringQualityTest} (floors) or print it with {@code -Dquality.print}.
 */
public final class ScoringQuality {

  /** Flagged events of one class. */
  public record Share(int events, int flagged) {
    public double rate() {
      return events == 0 ? Double.NaN : flagged / (double) events;
    }
  }

  /** What one replay measured. */
  public record Report(
      String label,
      int events,
      Share benign,
      Map<Scenario, Share> scenarios,
      RankingMetrics ranking,
      Map<String, Integer> benignRuleHits,
      Map<String, Integer> benignTopReasons,
      Map<Scenario, Share> attacks,
      Share victims) {

    public Share scenario(Scenario scenario) {
      return scenarios.getOrDefault(scenario, new Share(0, 0));
    }

    /** Attacks of {@code scenario} (a ring, or one account's burst) with at least one flag. */
    public Share attacks(Scenario scenario) {
      return attacks.getOrDefault(scenario, new Share(0, 0));
    }

    /**
     * Benign events of accounts that an attack acted on within the hour before: the owner's own
     * payments right after a card was abused. Counted in {@link #benign} as well.
     */
    public Share victims() {
      return victims;
    }

    /** Benign events of accounts no attack acted on within the hour before. */
    public Share untouched() {
      return new Share(benign.events - victims.events, benign.flagged - victims.flagged);
    }

    public String format() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "== %s: %,d events; benign flagged %d of %,d (%.3f%%)%n",
              label, events, benign.flagged(), benign.events(), 100 * benign.rate()));
      out.append(
          String.format(
              "   benign events of accounts attacked in the hour before: %d of %,d flagged;"
                  + " of the others: %d of %,d (%.3f%%)%n",
              victims.flagged(),
              victims.events(),
              untouched().flagged(),
              untouched().events(),
              100 * untouched().rate()));
      scenarios.forEach(
          (s, share) ->
              out.append(
                  String.format(
                      "   %-15s %5d of %5d events flagged (%.1f%%); attacks with a flag: %d of"
                          + " %d%n",
                      s,
                      share.flagged(),
                      share.events(),
                      100 * share.rate(),
                      attacks(s).flagged(),
                      attacks(s).events())));
      if (ranking != null) {
        out.append(
            String.format(
                "   insight score: ROC AUC %.4f, PR AUC %.4f, precision@1%% %.3f (%d positives)%n",
                ranking.rocAuc(),
                ranking.prAuc(),
                ranking.precisionAtTop1Percent(),
                ranking.positives()));
      }
      out.append("   benign rule hits: ").append(benignRuleHits).append('\n');
      out.append("   benign flags' top reason: ").append(benignTopReasons).append('\n');
      return out.toString();
    }
  }

  private ScoringQuality() {}

  /** The traffic the floors are set on: 2,000 accounts, 50 events/s, one simulated hour. */
  public static SimulationConfig traffic(long seed) {
    return SimulationConfig.defaults().withSeconds(3600).withSeed(seed);
  }

  /** The same traffic with no attack injected: what the false-positive rate is measured on. */
  public static SimulationConfig normalTraffic(long seed) {
    return traffic(seed).withScenarios(java.util.Set.of());
  }

  /** A scorer as the service builds it by default, with {@code model}. */
  public static Scorer scorer(Model model, Instant start) {
    return new Scorer(
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000)),
        () -> model,
        new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "quality", start, 10),
        Clock.fixed(start, ZoneOffset.UTC),
        1_000);
  }

  /**
   * Event time scored but not counted at the start of a run: the service's state is warm in
   * production (windows and baselines of busy keys exist), the replay starts from nothing.
   */
  public static final java.time.Duration WARM_UP = java.time.Duration.ofMinutes(15);

  /**
   * Replays {@code config}'s run through {@code scorer}, counting events after {@link #WARM_UP}.
   */
  public static Report evaluate(String label, SimulationConfig config, Scorer scorer) {
    return evaluate(label, config, scorer, WARM_UP);
  }

  /** Replays {@code config}'s run through {@code scorer}, counting events after {@code warmUp}. */
  public static Report evaluate(
      String label, SimulationConfig config, Scorer scorer, java.time.Duration warmUp) {
    Instant counted = config.start().plus(warmUp);
    List<Double> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    Map<Scenario, int[]> byScenario = new EnumMap<>(Scenario.class);
    int[] benign = new int[2];
    Map<String, Integer> benignHits = new TreeMap<>();
    Map<String, Integer> benignReasons = new TreeMap<>();
    // an attack: a ring's id, or one account's burst (events of a scenario on an account less than
    // ten minutes apart); value: {scenario ordinal, flagged}
    Map<String, int[]> attackFlags = new java.util.LinkedHashMap<>();
    Map<String, Instant> lastAttackEvent = new java.util.HashMap<>();
    Map<String, String> burstOf = new java.util.HashMap<>();
    int[] victims = new int[2];
    for (SimulatedEvent event : new Simulator(config)) {
      Decision decision = scorer.score(event.transaction());
      Instant at = event.transaction().timestamp();
      String account = event.transaction().account().value();
      String attack = null;
      if (event.isFraud()) {
        String single = event.truth().scenario() + "/" + account;
        Instant previous = lastAttackEvent.put(account, at);
        if (event.truth().ringId() != null) {
          attack = event.truth().ringId();
        } else {
          if (previous == null
              || !burstOf.containsKey(single)
              || java.time.Duration.between(previous, at).toMinutes() >= 10) {
            burstOf.put(single, single + "@" + at);
          }
          attack = burstOf.get(single);
        }
      }
      if (at.isBefore(counted)) {
        continue;
      }
      if (attack != null) {
        attackFlags
                .computeIfAbsent(attack, k -> new int[] {event.truth().scenario().ordinal(), 0})[
                1] |=
            decision.flagged() ? 1 : 0;
      } else {
        Instant attacked = lastAttackEvent.get(account);
        if (attacked != null && java.time.Duration.between(attacked, at).toMinutes() < 60) {
          victims[0]++;
          victims[1] += decision.flagged() ? 1 : 0;
        }
      }
      scores.add((double) decision.insightScore());
      labels.add(event.isFraud());
      int[] counts =
          event.isFraud()
              ? byScenario.computeIfAbsent(event.truth().scenario(), s -> new int[2])
              : benign;
      counts[0]++;
      if (decision.flagged()) {
        counts[1]++;
        if (!event.isFraud()) {
          decision.ruleHits().forEach(h -> benignHits.merge(h.ruleId(), 1, Integer::sum));
          if (!decision.reasons().isEmpty()) {
            benignReasons.merge(decision.reasons().get(0).feature(), 1, Integer::sum);
          }
        }
      }
    }
    double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] l = new boolean[labels.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels.get(i);
    }
    Map<Scenario, Share> shares =
        byScenario.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> new Share(e.getValue()[0], e.getValue()[1]),
                    (a, b) -> a,
                    () -> new EnumMap<>(Scenario.class)));
    Map<Scenario, int[]> attackCounts = new EnumMap<>(Scenario.class);
    for (int[] a : attackFlags.values()) {
      int[] c = attackCounts.computeIfAbsent(Scenario.values()[a[0]], k -> new int[2]);
      c[0]++;
      c[1] += a[1];
    }
    Map<Scenario, Share> attacks = new EnumMap<>(Scenario.class);
    attackCounts.forEach((k, v) -> attacks.put(k, new Share(v[0], v[1])));
    return new Report(
        label,
        s.length,
        new Share(benign[0], benign[1]),
        shares,
        s.length == 0 || labels.stream().noneMatch(b -> b) ? null : RankingMetrics.of(s, l),
        benignHits,
        benignReasons,
        attacks,
        new Share(victims[0], victims[1]));
  }

  /**
   * Prints the reports on one seed (default 7), cold and after the warm-up: {@code main [seed
   * [model-file]]}, the heuristic without a model file.
   */
  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 7;
    SimulationConfig config = traffic(seed);
    if (args.length > 1) {
      Model trained =
          io.ringwatch.detectors.model.GradientBoostedModel.of(
              io.ringwatch.detectors.model.ModelFile.read(java.nio.file.Path.of(args[1])));
      System.out.print(
          evaluate(
                  trained.version() + ", seed " + seed + ", cold",
                  config,
                  scorer(trained, config.start()),
                  java.time.Duration.ZERO)
              .format());
      System.out.print(
          evaluate(
                  trained.version() + ", seed " + seed + ", after warm-up",
                  config,
                  scorer(trained, config.start()))
              .format());
      System.out.print(
          evaluate(
                  trained.version() + ", seed " + seed + ", normal traffic (no attacks)",
                  normalTraffic(seed),
                  scorer(trained, config.start()))
              .format());
      return;
    }
    System.out.print(
        evaluate(
                "heuristic, seed " + seed + ", normal traffic (no attacks), after warm-up",
                normalTraffic(seed),
                scorer(new HeuristicLogisticModel(), config.start()))
            .format());
    System.out.print(
        evaluate(
                "heuristic, seed " + seed + ", cold (no warm-up)",
                config,
                scorer(new HeuristicLogisticModel(), config.start()),
                java.time.Duration.ZERO)
            .format());
    System.out.print(
        evaluate(
                "heuristic, seed " + seed + ", after " + WARM_UP.toMinutes() + " min warm-up",
                config,
                scorer(new HeuristicLogisticModel(), config.start()))
            .format());
  }
}
