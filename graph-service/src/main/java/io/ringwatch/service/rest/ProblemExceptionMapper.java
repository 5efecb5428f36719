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

  /** Seconds a 503 asks the client to wait before repeating the request. */
  static final int RETRY_AFTER_SECONDS = 1;

  /**
   * Transient storage failures, by class name (the backend's jars are optional at compile time).
   */
  private static final java.util.Set<String> TRANSIENT =
      java.util.Set.of(
          "org.janusgraph.diskstorage.TemporaryBackendException",
          "org.janusgraph.diskstorage.locking.TemporaryLockingException",
          "com.sleepycat.je.LockConflictException");

  @Context UriInfo uriInfo;

  /** Whether {@code error} or a cause of it is (a subclass of) a transient storage failure. */
  static boolean transientStorage(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (TRANSIENT.contains(c.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

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
    } else if (transientStorage(error)) {
      // a storage lock or transient backend failure (e.g. BerkeleyJE lock timeout while the
      // writer holds a large transaction): the request can be repeated as it is
      status = 503;
      detail = "the graph store is busy (" + rootMessage(error) + "); retry shortly";
      LOG.debug(detail, error);
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
    Response.ResponseBuilder response = Response.status(status);
    if (status == 503) {
      response.header("Retry-After", RETRY_AFTER_SECONDS);
    }
    return response
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status, detail, instance, field, reason, errors))
        .build();
  }
}
