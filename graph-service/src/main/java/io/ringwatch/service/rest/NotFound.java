package io.ringwatch.service.rest;

/** Thrown by a resource when the id it was asked for is well-formed but unknown. */
public final class NotFound extends RuntimeException {
  public NotFound(String kind, String id) {
    super("no " + kind + " with id '" + id + "'");
  }
}
