package io.ringwatch.detectors.rules;

import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.jexl3.JexlContext;

/**
 * The variables a rule expression may use, read-only: every feature of {@link FeatureNames#ALL}
 * (numbers), the model's {@code insight_score} (0–1000), and these event fields, never null (an
 * absent field has the neutral value in brackets): {@code event_type} (""), {@code discount} (0),
 * {@code priority_shipping} (false), {@code gift_wrap} (false), {@code store_id} (""), {@code
 * channel} (CARD, ONLINE, TRANSFER, STORE or API), {@code currency}, {@code payment_method} (""),
 * {@code is_transfer}, {@code hour_of_day} (0–23, UTC).
 */
public final class RuleVariables implements JexlContext {
  public static final String INSIGHT_SCORE = "insight_score";

  /** The event fields, in documentation order. */
  public static final List<String> EVENT_FIELDS =
      List.of(
          "event_type",
          "discount",
          "priority_shipping",
          "gift_wrap",
          "store_id",
          "channel",
          "currency",
          "payment_method",
          "is_transfer",
          "hour_of_day");

  /** Every name a rule may use. */
  public static final Set<String> NAMES;

  static {
    Set<String> names = new LinkedHashSet<>(FeatureNames.ALL);
    names.addAll(EVENT_FIELDS);
    names.add(INSIGHT_SCORE);
    NAMES = Set.copyOf(names);
  }

  private final Transaction event;
  private final FeatureVector features;
  private final int insightScore;

  public RuleVariables(Transaction event, FeatureVector features, int insightScore) {
    this.event = event;
    this.features = features;
    this.insightScore = insightScore;
  }

  /** The feature at {@code index} of {@link FeatureNames#ALL}, unboxed (for {@link FastRule}). */
  double feature(int index) {
    return features.get(index);
  }

  int insightScore() {
    return insightScore;
  }

  Transaction event() {
    return event;
  }

  @Override
  public Object get(String name) {
    int index = FeatureNames.indexOf(name);
    if (index >= 0) {
      return features.get(index);
    }
    StoreDetails store = event.store();
    return switch (name) {
      case INSIGHT_SCORE -> insightScore;
      case "event_type" -> store == null ? "" : store.eventType();
      case "discount" ->
          store == null || store.discount() == null ? 0.0 : store.discount().doubleValue();
      case "priority_shipping" -> store != null && Boolean.TRUE.equals(store.priorityShipping());
      case "gift_wrap" -> store != null && Boolean.TRUE.equals(store.giftWrap());
      case "store_id" -> store == null || store.storeId() == null ? "" : store.storeId();
      case "channel" -> event.channel().name();
      case "currency" -> event.currency();
      case "payment_method" -> event.paymentMethod() == null ? "" : event.paymentMethod();
      case "is_transfer" -> event.isTransfer();
      case "hour_of_day" -> event.timestamp().atZone(ZoneOffset.UTC).getHour();
      default -> null;
    };
  }

  @Override
  public void set(String name, Object value) {
    throw new UnsupportedOperationException("rule variables are read-only: " + name);
  }

  @Override
  public boolean has(String name) {
    return NAMES.contains(name);
  }
}
