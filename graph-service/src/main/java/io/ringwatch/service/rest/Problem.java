package io.ringwatch.service.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 7807 problem detail, the body of every error answer. Extension members: {@code field} and
 * {@code reason} for a rejected request body, {@code errors} for a rule set that does not compile.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String field,
    String reason,
    List<?> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem(String type, String title, int status, String detail, String instance) {
    this(type, title, status, detail, instance, null, null, null);
  }
}
