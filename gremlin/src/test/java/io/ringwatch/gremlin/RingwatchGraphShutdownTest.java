package io.ringwatch.gremlin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class RingwatchGraphShutdownTest {

  @Test
  void shouldLeaveClosingToItsOwnerOnceAsked() throws Exception {
    // given a graph that JanusGraph would close by itself when the JVM exits
    try (RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory())) {
      assertThat(janusGraphsHook(graph)).as("JanusGraph's own shutdown hook").isNotNull();

      // when its owner takes closing over
      boolean taken = graph.closeOnlyWhenAsked();

      // then JanusGraph's hook is gone (a JVM exit no longer closes the graph under a write), and
      // the graph still works and still closes when asked
      assertThat(taken).isTrue();
      assertThat(janusGraphsHook(graph)).isNull();
      assertThat(graph.traversal().V().count().next()).isZero();
      graph.traversal().tx().rollback();
    }
  }

  private static Object janusGraphsHook(RingwatchGraph graph) throws Exception {
    Field hook = graph.janusGraph().getClass().getDeclaredField("shutdownHook");
    hook.setAccessible(true);
    return hook.get(graph.janusGraph());
  }
}
