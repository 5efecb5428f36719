package io.ringwatch.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.janusgraph.core.JanusGraphException;
import org.janusgraph.diskstorage.PermanentBackendException;
import org.janusgraph.diskstorage.TemporaryBackendException;
import org.janusgraph.diskstorage.locking.TemporaryLockingException;
import org.junit.jupiter.api.Test;

class ProblemExceptionMapperTest {
  private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

  @Test
  void shouldAnswer503WithRetryAfterWhenTheStoreIsTemporarilyBusy() {
    Response response =
        mapper.toResponse(
            new JanusGraphException(
                "Could not read",
                new TemporaryBackendException("Lock timeout", new RuntimeException("held"))));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(((Problem) response.getEntity()).detail()).contains("busy").contains("held");
  }

  @Test
  void shouldRecogniseASubclassAnywhereInTheCauses() {
    Throwable lock = new TemporaryLockingException("expected value mismatch");
    assertThat(ProblemExceptionMapper.transientStorage(new RuntimeException("wrapped", lock)))
        .isTrue();
    assertThat(ProblemExceptionMapper.transientStorage(new IllegalStateException("other")))
        .isFalse();
  }

  @Test
  void shouldKeep500ForAPermanentFailure() {
    Response response =
        mapper.toResponse(
            new JanusGraphException("broken", new PermanentBackendException("corrupt")));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderString("Retry-After")).isNull();
  }
}
