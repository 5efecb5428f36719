package io.ringwatch.service.scoring;

import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelFile;
import io.ringwatch.detectors.model.ModelFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The model in force: the trained model of {@code ringwatch.scoring.model-path} when it is set and
 * loads, else the hand-weighted heuristic. A reload that fails (missing or corrupt file) changes
 * nothing: scoring stays on the previous model and the error is reported and remembered.
 */
public final class ModelHolder {
  private static final Logger LOG = Logger.getLogger(ModelHolder.class);

  private final Optional<Path> path;
  private final AtomicReference<Model> current;
  private volatile String lastError;

  public ModelHolder(Optional<Path> path) {
    this.path = path;
    this.current = new AtomicReference<>(new HeuristicLogisticModel());
    if (path.isEmpty()) {
      LOG.infof(
          "scoring with the heuristic model %s (ringwatch.scoring.model-path is not set)",
          HeuristicLogisticModel.VERSION);
      return;
    }
    try {
      reload();
    } catch (ModelFileException e) {
      LOG.errorf(
          "scoring with the heuristic model %s: the trained model did not load: %s",
          HeuristicLogisticModel.VERSION, e.getMessage());
    }
  }

  /** The model for the next event. */
  public Model current() {
    return current.get();
  }

  /** The configured model file, if any. */
  public Optional<Path> path() {
    return path;
  }

  /** Why the last load failed, or null after a successful one. */
  public String lastError() {
    return lastError;
  }

  /** Held-out metrics of the current model (empty for the heuristic). */
  public Map<String, Double> metrics() {
    return current.get() instanceof GradientBoostedModel trained ? trained.metrics() : Map.of();
  }

  /**
   * Loads the configured file and makes it current for the next event; on failure the previous
   * model stays and the exception says why.
   */
  public synchronized Model reload() throws ModelFileException {
    if (path.isEmpty()) {
      throw new ModelFileException("no model file configured (ringwatch.scoring.model-path)");
    }
    try {
      GradientBoostedModel model = GradientBoostedModel.of(ModelFile.read(path.get()));
      current.set(model);
      lastError = null;
      LOG.infof("scoring with the trained model %s from %s", model.version(), path.get());
      return model;
    } catch (ModelFileException e) {
      lastError = e.getMessage();
      LOG.errorf("model reload failed, still scoring with %s: %s", current().version(), lastError);
      throw e;
    }
  }
}
