package io.ringwatch.ingest.evaluate;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.features.KnownOutcome;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelFile;
import io.ringwatch.detectors.model.ModelFileException;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.detectors.time.EventTimeClock;
import io.ringwatch.ingest.external.ExternalDataset;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays a data set through the service's detectors in event-time order: the same {@link Scorer}
 * (features, default rules, model) and the same {@link RingTracker} the service wires, with an
 * {@link EventTimeClock} where the service has the system clock. Transactions reach the tracker in
 * batches of the service's ingest batch size; dirty components are re-clustered when the tracker's
 * threshold is reached or every {@code reclusterEvery} of event time, as the service's scheduler
 * does every few seconds of wall time.
 *
 * <p>With known outcomes ({@link Options#labels}), a first pass computes every event's features, a
 * gradient-boosted model is trained on exactly the labelled events, and the replay scores with it;
 * events without a label never reach the trainer.
 */
public final class Evaluation {

  /**
   * @param labels known outcomes by event id; empty for none
   * @param model a model file to score with instead of the default (ignored when labels train one)
   * @param reclusterEvery event time between two re-clusterings of dirty components
   * @param batchSize transactions handed to the tracker at a time (the service's ingest batch)
   * @param seed seed of the clustering and of the training
   * @param labelDelay how long after its event a label becomes known to the label-fed features
   */
  public record Options(
      Map<TransactionId, Boolean> labels,
      ModelFile model,
      Duration reclusterEvery,
      int batchSize,
      long seed,
      Duration labelDelay) {
    public static final Duration DEFAULT_LABEL_DELAY = Duration.ofDays(7);

    public Options {
      labels = Map.copyOf(labels);
      Objects.requireNonNull(reclusterEvery, "reclusterEvery");
      Objects.requireNonNull(labelDelay, "labelDelay");
      if (labelDelay.isNegative() || labelDelay.isZero()) {
        throw new IllegalArgumentException(
            "--label-delay must be positive: an event's own outcome is never known when it is"
                + " scored");
      }
      if (reclusterEvery.isNegative() || reclusterEvery.isZero()) {
        throw new IllegalArgumentException("--recluster-every must be positive");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(Map.of(), null, Duration.ofHours(1), 100, 42, DEFAULT_LABEL_DELAY);
    }

    public Options withLabels(Map<TransactionId, Boolean> value) {
      return new Options(value, model, reclusterEvery, batchSize, seed, labelDelay);
    }

    public Options withModel(ModelFile value) {
      return new Options(labels, value, reclusterEvery, batchSize, seed, labelDelay);
    }

    public Options withReclusterEvery(Duration value) {
      return new Options(labels, model, value, batchSize, seed, labelDelay);
    }

    public Options withSeed(long value) {
      return new Options(labels, model, reclusterEvery, batchSize, value, labelDelay);
    }

    public Options withLabelDelay(Duration value) {
      return new Options(labels, model, reclusterEvery, batchSize, seed, value);
    }
  }

  /** Reports progress of a stage: {@code done} of {@code total} units. */
  @FunctionalInterface
  public interface Listener {
    void progress(String stage, long done, long total);
  }

  /**
   * What the model was trained on when labels were given: the time split.
   *
   * @param labelled labelled events of the data set (the training rows)
   * @param positives frauds among them
   * @param firstLabelledEvent event time of the first labelled event
   * @param lastLabelledEvent event time of the last labelled event: the split
   * @param unknownIds label ids that name no event of the data set
   * @param labelDelay how long after its event each label became known to the features
   */
  public record Training(
      int labelled,
      int positives,
      Instant firstLabelledEvent,
      Instant lastLabelledEvent,
      int unknownIds,
      Duration labelDelay) {}

  /**
   * @param scores the insight score (0–1000) of every event, in replay order
   * @param outcomes decisions per outcome
   * @param rings the tracker's rings at the end of the replay, highest score first
   * @param modelVersion the model that scored
   * @param training what the model learnt from, or null without labels
   * @param stages wall time per stage, in order
   * @param reclusterings how many times dirty components were re-clustered
   * @param ringEvents lifecycle events emitted during the replay
   */
  public record Result(
      Map<TransactionId, Integer> scores,
      Map<Outcome, Long> outcomes,
      List<Ring> rings,
      String modelVersion,
      Training training,
      Map<String, Duration> stages,
      int reclusterings,
      long ringEvents) {}

  private final Options options;
  private final Listener listener;

  public Evaluation(Options options, Listener listener) {
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public Result run(ExternalDataset data) {
    List<Transaction> events = data.transactions();
    if (events.isEmpty()) {
      throw new IllegalArgumentException("the data set has no transactions");
    }
    Map<String, Duration> stages = new LinkedHashMap<>();
    Training training = null;
    Model model;
    long started = System.nanoTime();
    if (!options.labels().isEmpty()) {
      Trained trained = train(events);
      model = trained.model();
      training = trained.training();
      stages.put("train", Duration.ofNanos(System.nanoTime() - started));
    } else if (options.model() != null) {
      model = load(options.model());
    } else {
      model = new HeuristicLogisticModel();
    }

    started = System.nanoTime();
    EventTimeClock clock = new EventTimeClock(events.get(0).timestamp());
    InMemoryGraphFeatures graphFeatures = newGraphFeatures();
    Scorer scorer =
        new Scorer(
            new FeatureExtractor(
                FeatureSettings.defaults(),
                graphFeatures,
                knownOutcomes(events, options.labels(), options.labelDelay())),
            () -> model,
            new ActiveRules(
                new RuleCompiler(), DefaultRules.ruleSet(), "evaluate", clock.instant(), 1),
            clock,
            200_000);
    RingReplay ringReplay = newRingReplay(clock, graphFeatures);
    Map<TransactionId, Integer> scores = new LinkedHashMap<>(events.size() * 2);
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    long done = 0;
    // Marks the stage's start, so the first rate reported covers a real interval.
    listener.progress("replay", 0, events.size());
    for (Transaction event : events) {
      Instant now = clock.advanceTo(event.timestamp());
      Decision decision = scorer.score(event);
      scores.put(event.id(), decision.insightScore());
      outcomes.merge(decision.outcome(), 1L, Long::sum);
      ringReplay.add(event, decision, now);
      if ((++done & 1023) == 0) {
        listener.progress("replay", done, events.size());
      }
    }
    ringReplay.finish();
    listener.progress("replay", done, events.size());
    stages.put("replay", Duration.ofNanos(System.nanoTime() - started));
    RingTracker tracker = ringReplay.tracker();
    int reclusterings = ringReplay.reclusterings();
    long ringEvents = ringReplay.ringEvents();

    List<Ring> rings =
        tracker.rings().stream()
            .filter(Ring::isActive)
            .sorted(Comparator.comparingDouble(Ring::score).reversed())
            .toList();
    return new Result(
        scores, outcomes, rings, model.version(), training, stages, reclusterings, ringEvents);
  }

  private RingReplay newRingReplay(EventTimeClock clock, InMemoryGraphFeatures graphFeatures) {
    return new RingReplay(
        clock, graphFeatures, options.reclusterEvery(), options.batchSize(), options.seed());
  }

  private static InMemoryGraphFeatures newGraphFeatures() {
    return new InMemoryGraphFeatures(100_000, 1000);
  }

  /**
   * The label feedback of a pass (the training pass and the replay get equal ones): every labelled
   * event's outcome, offered up front and known {@code delay} after the event; {@link
   * KnownOutcomes} applies each one only when the pass's event time reaches that moment. Events
   * without a label offer nothing. The labels cover the history up to the last labelled event:
   * events more than the delay after it read the latest outcomes known ({@link
   * KnownOutcomes#coverUntil}).
   */
  static KnownOutcomes knownOutcomes(
      List<Transaction> events, Map<TransactionId, Boolean> labels, Duration delay) {
    KnownOutcomes outcomes = new KnownOutcomes(KnownOutcomes.Settings.withLag(delay));
    Instant covered = null;
    for (Transaction event : events) {
      Boolean label = labels.get(event.id());
      if (label != null) {
        outcomes.offer(KnownOutcome.of(event, label, delay));
        covered =
            covered == null || event.timestamp().isAfter(covered) ? event.timestamp() : covered;
      }
    }
    if (covered != null) {
      outcomes.coverUntil(covered);
    }
    return outcomes;
  }

  private record Trained(Model model, Training training) {}

  /** Featurises every event as the scorer will, and trains on exactly the labelled ones. */
  private Trained train(List<Transaction> events) {
    // The rings are tracked here too, so that ring-membership features are learnt as the replay
    // will see them (without the decisions' risk: there is no model yet).
    EventTimeClock clock = new EventTimeClock(events.get(0).timestamp());
    InMemoryGraphFeatures graphFeatures = newGraphFeatures();
    RingReplay ringReplay = newRingReplay(clock, graphFeatures);
    FeatureExtractor extractor =
        new FeatureExtractor(
            FeatureSettings.defaults(),
            graphFeatures,
            knownOutcomes(events, options.labels(), options.labelDelay()));
    // The training rows go straight into XGBoost's layout, one float a feature: at the Handbook's
    // full size (1.45 M labelled events) that is 0.5 GB instead of 1 GB of double rows plus a copy.
    int labelled = (int) events.stream().filter(e -> options.labels().containsKey(e.id())).count();
    int columns = FeatureNames.size();
    float[] data = new float[Math.multiplyExact(labelled, columns)];
    boolean[] y = new boolean[labelled];
    int rows = 0;
    Instant firstLabelled = null;
    Instant lastLabelled = null;
    int positives = 0;
    long done = 0;
    listener.progress("features", 0, events.size());
    for (Transaction event : events) {
      Instant now = clock.advanceTo(event.timestamp());
      FeatureVector row = extractor.extractTransient(event);
      ringReplay.add(event, null, now);
      Boolean label = options.labels().get(event.id());
      if (label != null) {
        for (int c = 0, at = rows * columns; c < columns; c++) {
          data[at + c] = (float) row.get(c);
        }
        y[rows++] = label;
        positives += label ? 1 : 0;
        Instant at = event.timestamp();
        firstLabelled = firstLabelled == null || at.isBefore(firstLabelled) ? at : firstLabelled;
        lastLabelled = lastLabelled == null || at.isAfter(lastLabelled) ? at : lastLabelled;
      }
      if ((++done & 1023) == 0) {
        listener.progress("features", done, events.size());
      }
    }
    listener.progress("features", done, events.size());
    if (positives == 0 || positives == rows) {
      throw new IllegalArgumentException(
          "the labels cover "
              + rows
              + " events of the data set with "
              + positives
              + " frauds; training needs both outcomes");
    }
    int unknownIds = options.labels().size() - labelled;
    listener.progress("train", 0, 1);
    ModelFile file =
        GradientBoostedTrainer.defaults(options.seed())
            .train(data, y, "gbt-evaluate-" + options.seed(), Map.of());
    listener.progress("train", 1, 1);
    return new Trained(
        load(file),
        new Training(
            rows,
            positives,
            firstLabelled,
            lastLabelled,
            Math.max(0, unknownIds),
            options.labelDelay()));
  }

  private static Model load(ModelFile file) {
    try {
      return GradientBoostedModel.of(file);
    } catch (ModelFileException e) {
      throw new IllegalArgumentException("the model does not load: " + e.getMessage(), e);
    }
  }
}
