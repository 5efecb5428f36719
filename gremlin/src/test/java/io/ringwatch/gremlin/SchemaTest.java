package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.Multiplicity;
import org.janusgraph.core.PropertyKey;
import org.janusgraph.core.schema.JanusGraphIndex;
import org.janusgraph.core.schema.JanusGraphManagement;
import org.janusgraph.core.schema.SchemaStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaTest {

  private RingwatchGraph graph;
  private JanusGraph janus;

  @BeforeEach
  void openGraph() {
    graph = RingwatchGraph.open(GraphSettings.inMemory());
    janus = graph.janusGraph();
  }

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  @Test
  void shouldDeclareEveryLabelAndKeyWithTheIntendedMultiplicities() {
    JanusGraphManagement mgmt = janus.openManagement();
    try {
      VERTEX_LABELS.forEach(
          label -> assertThat(mgmt.containsVertexLabel(label)).as(label).isTrue());
      EDGE_LABELS.forEach(label -> assertThat(mgmt.containsEdgeLabel(label)).as(label).isTrue());
      PROPERTY_KEYS.forEach(key -> assertThat(mgmt.containsPropertyKey(key)).as(key).isTrue());
      assertThat(mgmt.getEdgeLabel(USES).multiplicity()).isEqualTo(Multiplicity.SIMPLE);
      assertThat(mgmt.getEdgeLabel(CONNECTS_FROM).multiplicity()).isEqualTo(Multiplicity.SIMPLE);
      assertThat(mgmt.getEdgeLabel(PAYS).multiplicity()).isEqualTo(Multiplicity.MULTI);
      assertThat(mgmt.getEdgeLabel(TRANSFERS).multiplicity()).isEqualTo(Multiplicity.MULTI);
      assertThat(mgmt.getEdgeLabel(MEMBER_OF).multiplicity()).isEqualTo(Multiplicity.SIMPLE);
    } finally {
      mgmt.rollback();
    }
  }

  @Test
  void shouldHaveEveryIndexEnabledAndTheIdIndexesUnique() {
    JanusGraphManagement mgmt = janus.openManagement();
    try {
      for (String name : GRAPH_INDEXES) {
        JanusGraphIndex index = mgmt.getGraphIndex(name);
        assertThat(index).as(name).isNotNull();
        assertThat(index.isCompositeIndex()).as(name).isTrue();
        for (PropertyKey key : index.getFieldKeys()) {
          assertThat(index.getIndexStatus(key)).as(name).isEqualTo(SchemaStatus.ENABLED);
        }
      }
      for (String name :
          List.of(BY_ACCOUNT_ID, BY_DEVICE_ID, BY_ADDRESS, BY_MERCHANT_ID, BY_RING_ID)) {
        assertThat(mgmt.getGraphIndex(name).isUnique()).as(name).isTrue();
      }
      assertThat(mgmt.getRelationIndex(mgmt.getEdgeLabel(PAYS), PAYS_BY_TS).getIndexStatus())
          .isEqualTo(SchemaStatus.ENABLED);
      assertThat(mgmt.getRelationIndex(mgmt.getEdgeLabel(PAYS), PAYS_BY_TX_ID).getIndexStatus())
          .isEqualTo(SchemaStatus.ENABLED);
      assertThat(
              mgmt.getRelationIndex(mgmt.getEdgeLabel(TRANSFERS), TRANSFERS_BY_TS).getIndexStatus())
          .isEqualTo(SchemaStatus.ENABLED);
      assertThat(
              mgmt.getRelationIndex(mgmt.getEdgeLabel(TRANSFERS), TRANSFERS_BY_TX_ID)
                  .getIndexStatus())
          .isEqualTo(SchemaStatus.ENABLED);
    } finally {
      mgmt.rollback();
    }
  }

  @Test
  void shouldChangeNothingWhenInstalledTwice() {
    // given a graph whose schema RingwatchGraph.open installed
    List<String> before = schemaNames();

    // when
    boolean changed = SchemaInstaller.install(janus);

    // then
    assertThat(changed).isFalse();
    assertThat(schemaNames()).isEqualTo(before);
  }

  @Test
  void shouldRejectAVertexWithAnUndeclaredLabel() {
    JanusGraphTransaction tx = janus.newTransaction();
    try {
      assertThatThrownBy(() -> tx.addVertex(T.label, "person"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("person");
    } finally {
      tx.rollback();
    }
  }

  @Test
  void shouldRejectAnUndeclaredPropertyKey() {
    JanusGraphTransaction tx = janus.newTransaction();
    try {
      Vertex account = tx.addVertex(T.label, ACCOUNT, ACCOUNT_ID, "a1");
      assertThatThrownBy(() -> account.property("nickname", "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nickname");
    } finally {
      tx.rollback();
    }
  }

  @Test
  void shouldRejectADeclaredKeyOnALabelThatDoesNotAllowIt() {
    JanusGraphTransaction tx = janus.newTransaction();
    try {
      Vertex account = tx.addVertex(T.label, ACCOUNT, ACCOUNT_ID, "a1");
      assertThatThrownBy(() -> account.property(STATUS, "open"))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      tx.rollback();
    }
  }

  @Test
  void shouldRejectAnEdgeBetweenLabelsItDoesNotConnect() {
    JanusGraphTransaction tx = janus.newTransaction();
    try {
      Vertex account = tx.addVertex(T.label, ACCOUNT, ACCOUNT_ID, "a1");
      Vertex merchant = tx.addVertex(T.label, MERCHANT, MERCHANT_ID, "m1");
      assertThatThrownBy(() -> account.addEdge(USES, merchant))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      tx.rollback();
    }
  }

  private List<String> schemaNames() {
    JanusGraphManagement mgmt = janus.openManagement();
    try {
      List<String> names = new ArrayList<>();
      mgmt.getRelationTypes(org.janusgraph.core.RelationType.class)
          .forEach(type -> names.add(type.name() + "#" + type.longId()));
      mgmt.getVertexLabels().forEach(label -> names.add(label.name() + "#" + label.longId()));
      mgmt.getGraphIndexes(Vertex.class).forEach(index -> names.add(index.name()));
      mgmt.getGraphIndexes(org.apache.tinkerpop.gremlin.structure.Edge.class)
          .forEach(index -> names.add(index.name()));
      names.sort(String::compareTo);
      return names;
    } finally {
      mgmt.rollback();
    }
  }
}
