package io.ringwatch.service.rest;

import io.ringwatch.detectors.model.ModelFileException;
import io.ringwatch.service.scoring.ModelHolder;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The scoring model in force, and its reload from the configured file without a restart. */
@Path("/model")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
  private final ModelHolder models;

  public ModelResource(ModelHolder models) {
    this.models = models;
  }

  /** The model on the wire: version, file, held-out metrics, and the last load error if any. */
  public record ModelDto(
      String version, String path, Map<String, Double> metrics, String lastError) {}

  private ModelDto view() {
    return new ModelDto(
        models.current().version(),
        models.path().map(Object::toString).orElse(null),
        models.metrics(),
        models.lastError());
  }

  @GET
  @Operation(summary = "The model every decision is scored with")
  public ModelDto get() {
    return view();
  }

  @POST
  @Path("/reload")
  @Blocking
  @Operation(
      summary = "Reload the model file (ringwatch.scoring.model-path)",
      description = "A missing or corrupt file is answered 422 and the previous model stays.")
  public ModelDto reload() throws ModelFileException {
    models.reload();
    return view();
  }
}
