package io.ringwatch.service.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GraphGateTest {

  @Test
  void shouldWaitForTheWriterInsideBeforeItLetsTheGraphClose() throws Exception {
    // given a writer inside the gate on another thread
    GraphGate gate = new GraphGate();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Boolean> writer =
        CompletableFuture.supplyAsync(
            () -> {
              boolean entered = gate.enter();
              inside.countDown();
              try {
                finish.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                gate.exit();
              }
              return entered;
            });
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    // when closing begins, it does not get past the writer
    assertThat(gate.closeAfterUsers(Duration.ofMillis(100))).isFalse();
    assertThat(gate.closing()).isTrue();
    // and no new writer gets in meanwhile
    assertThat(CompletableFuture.supplyAsync(gate::enter).get(5, TimeUnit.SECONDS)).isFalse();

    // then once the writer leaves, the graph may close
    finish.countDown();
    assertThat(writer.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.closeAfterUsers(Duration.ofSeconds(5))).isTrue();
    assertThat(gate.enter()).isFalse();
  }

  @Test
  void shouldLetWritersInAndOutFreelyWhileOpen() {
    GraphGate gate = new GraphGate();
    assertThat(gate.enter()).isTrue();
    assertThat(gate.enter()).isTrue(); // re-entrant: a ring pass inside a REST call, say
    gate.exit();
    gate.exit();
    assertThat(gate.closing()).isFalse();
    assertThat(gate.closeAfterUsers(Duration.ofMillis(10))).isTrue();
  }
}
