package io.ringwatch.service.rest;

import io.ringwatch.service.scoring.DetectJournal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns every exception that leaves a resource into a problem detail, from one table: a bad
 * argument is 400, a rejected request body 400 (unreadable) or 422 (a field is missing or invalid,
 * named in {@code field}), a rule set that does not compile 422 (every error in {@code errors}), a
 * model file that does not load 422, an unknown id 404, a {@code /detect} event that cannot be
 * recorded now 503, a JAX-RS error keeps its status, anything else is 500 (logged, with no
 * internals in the answer).
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable error) {
    int status;
    String detail;
    String field = null;
    String reason = null;
    List<?> errors = null;
    if (error instanceof RejectedInput rejected) {
      status = rejected.status();
      detail = rejected.rejection().message();
      field = rejected.rejection().field();
      reason = rejected.rejection().reason().name();
    } else if (error instanceof InvalidRules invalid) {
      status = 422;
      detail = error.getMessage();
      errors = invalid.errors();
    } else if (error instanceof io.ringwatch.detectors.model.ModelFileException) {
      status = 422;
      detail = error.getMessage();
    } else if (error instanceof DetectJournal.Backlogged
        || error instanceof DetectJournal.NotRecorded) {
      status = 503;
      detail = error.getMessage();
      if (error instanceof DetectJournal.NotRecorded) {
        LOG.warn(detail, error.getCause());
      }
    } else if (error instanceof IllegalArgumentException) {
      status = 400;
      detail = error.getMessage();
    } else if (error instanceof NotFound) {
      status = 404;
      detail = error.getMessage();
    } else if (error instanceof WebApplicationException web) {
      status = web.getResponse().getStatus();
      detail = error.getMessage();
    } else {
      status = 500;
      detail = "internal error; see the service log";
      LOG.error("unhandled error", error);
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title =
        known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "Error";
    String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status, detail, instance, field, reason, errors))
        .build();
  }
}
