package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.Transaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stored transactions read back for a replay (ADR 0012). */
class HistoryTest {
  private final RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory());
  private final Map<String, Transaction> encoded = new HashMap<>();

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  /** A stand-in for the canonical JSON codec: the event's id is its "encoding". */
  private String encode(Transaction t) {
    encoded.put("event:" + t.id().value(), t);
    return "event:" + t.id().value();
  }

  private static List<String> ids(History history) {
    return history.events().stream().map(t -> t.id().value()).toList();
  }

  @Test
  void shouldReplayTheStoredEventsInTheRangeInEventTimeOrder() {
    // given the mixed batch stored with its events, in reverse order
    List<Transaction> batch = new java.util.ArrayList<>(mixedBatch());
    java.util.Collections.reverse(batch);
    graph.writer().write(batch, Map.of(), this::encode);

    // when the history of [T0 + 60 s, T0 + 240 s) is read
    History history =
        graph.queries().history(T0.plusSeconds(60), T0.plusSeconds(240), 100, encoded::get);

    // then the events come back as stored, oldest first, the range's end excluded
    assertThat(ids(history)).containsExactly("t2", "t3", "t4");
    assertThat(history.events().get(0).device()).isEqualTo(device("d1"));
    assertThat(history.events().get(0).ip()).isEqualTo(ip("10.0.0.2"));
    assertThat(history.matched()).isEqualTo(3);
    assertThat(history.truncated()).isFalse();
    assertThat(history.fromEdgeOnly()).isZero();
  }

  @Test
  void shouldKeepTheNewestEventsWhenMoreMatchThanTheLimit() {
    graph.writer().write(mixedBatch(), Map.of(), this::encode);

    History history = graph.queries().history(null, null, 2, encoded::get);

    assertThat(ids(history)).containsExactly("t5", "t6");
    assertThat(history.matched()).isEqualTo(6);
    assertThat(history.truncated()).isTrue();
  }

  @Test
  void shouldRebuildAnEventStoredWithoutItsEventFromTheEdge() {
    // given transactions written the old way, without the event
    graph.writer().write(mixedBatch());

    History history = graph.queries().history(null, null, 100, encoded::get);

    assertThat(ids(history)).containsExactly("t1", "t2", "t3", "t4", "t5", "t6");
    Transaction t4 = history.events().get(3);
    assertThat(t4.counterparty().value()).isEqualTo("a3");
    assertThat(t4.channel()).isEqualTo(Channel.TRANSFER);
    assertThat(history.events().get(0).merchant().value()).isEqualTo("m1");
    assertThat(history.events().get(4).merchant()).isNull();
    assertThat(history.events().get(4).channel()).isEqualTo(Channel.API);
    assertThat(history.fromEdgeOnly()).isEqualTo(6);
  }

  @Test
  void shouldTakeTheFraudLabelFromTheEdge() {
    Transaction labelled = aPayment("f1", "a9", "m9").fraudLabel(true).build();
    graph.writer().write(List.of(labelled), Map.of(), this::encode);
    // the stored event says "not fraud"; the edge (the label as stored) says fraud
    for (Entry<String, Transaction> e : encoded.entrySet()) {
      e.setValue(aPayment("f1", "a9", "m9").fraudLabel(false).build());
    }

    History history = graph.queries().history(null, null, 10, encoded::get);

    assertThat(history.events().get(0).fraudLabel()).isTrue();
  }
}
