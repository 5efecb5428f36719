package io.ringwatch.service.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Turns every exception that leaves a resource into a problem detail, from one table: a bad
 * argument is 400, an unknown id 404, a JAX-RS error keeps its status, anything else is 500
 * (logged, with no internals in the answer).
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable error) {
    int status;
    String detail;
    if (error instanceof IllegalArgumentException) {
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
    String title = known == null ? "Error" : known.getReasonPhrase();
    String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status, detail, instance))
        .build();
  }
}
