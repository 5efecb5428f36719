package io.ringwatch.detectors.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stable names of every feature, in vector order. Rules and models refer to features by these
 * names, so a name, once published, is never renamed; new features are appended.
 *
 * <p>Velocity names read {@code <kind>_<metric>_<window>}, for example {@code card_count_10m},
 * {@code account_sum_1h}, {@code device_distinct_accounts_24h}; every velocity figure includes the
 * current event. The baseline features ({@code <kind>_expected_10m}, {@code <kind>_velocity_z_1m},
 * {@code <kind>_velocity_z_10m}, for account and card) compare a key's recent counts with its own
 * long-run rate ({@link VelocityBaseline}); they are 0 when the event has no such key.
 *
 * <p>After them come the long-window spending features ({@code account_count_7d}, {@code
 * account_mean_amount_30d}, {@code merchant_count_30d}, ...: {@link SpendingProfile}) and the
 * label-fed ones ({@link #LABEL_FED}: {@link KnownOutcomes}), which see a transaction's outcome
 * only after its label delay.
 */
public final class FeatureNames {

  public static final String AMOUNT = "amount";
  public static final String AMOUNT_ZSCORE = "amount_zscore";
  public static final String ACCOUNT_HISTORY_N = "account_history_n";
  public static final String ACCOUNT_BENFORD_MAD = "account_benford_mad";
  public static final String ACCOUNT_BENFORD_N = "account_benford_n";
  public static final String MERCHANT_BENFORD_MAD = "merchant_benford_mad";
  public static final String MERCHANT_BENFORD_N = "merchant_benford_n";
  public static final String ACCOUNT_NEW = "account_new";
  public static final String DEVICE_NEW_FOR_ACCOUNT = "device_new_for_account";
  public static final String IP_NEW_FOR_ACCOUNT = "ip_new_for_account";
  public static final String LOCATION_NEW_FOR_ACCOUNT = "location_new_for_account";
  public static final String ACCOUNT_LOCATION_CHANGES_1H = "account_location_changes_1h";
  public static final String ACCOUNTS_SHARING_DEVICE = "accounts_sharing_device";
  public static final String ACCOUNTS_SHARING_IP = "accounts_sharing_ip";
  public static final String DEVICE_MATE_IN_RING = "device_mate_in_ring";
  public static final String COUNTERPARTY_IN_RING = "counterparty_in_ring";
  public static final String RING_SCORE = "ring_score";
  public static final String ACCOUNT_EXPECTED_10M = "account_expected_10m";
  public static final String ACCOUNT_VELOCITY_Z_1M = "account_velocity_z_1m";
  public static final String ACCOUNT_VELOCITY_Z_10M = "account_velocity_z_10m";
  public static final String CARD_EXPECTED_10M = "card_expected_10m";
  public static final String CARD_VELOCITY_Z_1M = "card_velocity_z_1m";
  public static final String CARD_VELOCITY_Z_10M = "card_velocity_z_10m";

  // Long-window spending (SpendingProfile): the Handbook's customer and terminal features.
  public static final String ACCOUNT_COUNT_7D = "account_count_7d";
  public static final String ACCOUNT_COUNT_30D = "account_count_30d";
  public static final String ACCOUNT_MEAN_AMOUNT_1D = "account_mean_amount_1d";
  public static final String ACCOUNT_MEAN_AMOUNT_7D = "account_mean_amount_7d";
  public static final String ACCOUNT_MEAN_AMOUNT_30D = "account_mean_amount_30d";
  public static final String ACCOUNT_AMOUNT_RATIO_30D = "account_amount_ratio_30d";
  public static final String MERCHANT_COUNT_1D = "merchant_count_1d";
  public static final String MERCHANT_COUNT_7D = "merchant_count_7d";
  public static final String MERCHANT_COUNT_30D = "merchant_count_30d";

  // Label feedback (KnownOutcomes): known outcomes of past transactions, after their delay.
  public static final String MERCHANT_KNOWN_1D = "merchant_known_1d";
  public static final String MERCHANT_KNOWN_FRAUD_SHARE_1D = "merchant_known_fraud_share_1d";
  public static final String MERCHANT_KNOWN_7D = "merchant_known_7d";
  public static final String MERCHANT_KNOWN_FRAUD_SHARE_7D = "merchant_known_fraud_share_7d";
  public static final String MERCHANT_KNOWN_30D = "merchant_known_30d";
  public static final String MERCHANT_KNOWN_FRAUD_SHARE_30D = "merchant_known_fraud_share_30d";
  public static final String MERCHANT_DAYS_SINCE_KNOWN_FRAUD = "merchant_days_since_known_fraud";
  public static final String MERCHANT_KNOWN_BENIGN_AFTER_FRAUD =
      "merchant_known_benign_after_fraud";
  public static final String ACCOUNT_KNOWN_FRAUDS_30D = "account_known_frauds_30d";
  public static final String ACCOUNT_KNOWN_FRAUD_SHARE_30D = "account_known_fraud_share_30d";
  public static final String ACCOUNT_DAYS_SINCE_KNOWN_FRAUD = "account_days_since_known_fraud";
  public static final String ACCOUNT_KNOWN_BENIGN_AFTER_FRAUD = "account_known_benign_after_fraud";
  public static final String ACCOUNT_KNOWN_FRAUD_RUN_DAYS = "account_known_fraud_run_days";
  public static final String MERCHANT_KNOWN_FRAUD_ACCOUNTS_30D =
      "merchant_known_fraud_accounts_30d";
  public static final String ACCOUNT_KNOWN_FRAUD_MERCHANTS_30D =
      "account_known_fraud_merchants_30d";
  public static final String MERCHANT_KNOWN_FRAUDS_1D = "merchant_known_frauds_1d";
  public static final String MERCHANT_KNOWN_FRAUDS_7D = "merchant_known_frauds_7d";
  public static final String CARD_KNOWN_FRAUDS_30D = "card_known_frauds_30d";
  public static final String CARD_DAYS_SINCE_KNOWN_FRAUD = "card_days_since_known_fraud";
  public static final String MERCHANT_KNOWN_FRAUD_RUN_LENGTH = "merchant_known_fraud_run_length";
  public static final String MERCHANT_KNOWN_FRAUDS_OF_DEFRAUDED_ACCOUNTS_7D =
      "merchant_known_frauds_of_defrauded_accounts_7d";
  public static final String MERCHANT_KNOWN_FRAUDS_UNEXPLAINED_7D =
      "merchant_known_frauds_unexplained_7d";

  // Label-free, appended after the label-fed ones (ADR 22).
  public static final String ACCOUNT_AMOUNT_ZSCORE_KEPT = "account_amount_zscore_kept";
  public static final String ACCOUNT_HIGH_AMOUNTS_14D = "account_high_amounts_14d";
  public static final String ACCOUNT_AMOUNT_TO_MAX = "account_amount_to_max";

  /** The label-fed features, all 0 (days-since: the cap) while no outcome is known. */
  public static final List<String> LABEL_FED =
      List.of(
          MERCHANT_KNOWN_1D,
          MERCHANT_KNOWN_FRAUD_SHARE_1D,
          MERCHANT_KNOWN_7D,
          MERCHANT_KNOWN_FRAUD_SHARE_7D,
          MERCHANT_KNOWN_30D,
          MERCHANT_KNOWN_FRAUD_SHARE_30D,
          MERCHANT_DAYS_SINCE_KNOWN_FRAUD,
          MERCHANT_KNOWN_BENIGN_AFTER_FRAUD,
          ACCOUNT_KNOWN_FRAUDS_30D,
          ACCOUNT_KNOWN_FRAUD_SHARE_30D,
          ACCOUNT_DAYS_SINCE_KNOWN_FRAUD,
          ACCOUNT_KNOWN_BENIGN_AFTER_FRAUD,
          CARD_KNOWN_FRAUDS_30D,
          CARD_DAYS_SINCE_KNOWN_FRAUD,
          ACCOUNT_KNOWN_FRAUD_RUN_DAYS,
          MERCHANT_KNOWN_FRAUD_ACCOUNTS_30D,
          ACCOUNT_KNOWN_FRAUD_MERCHANTS_30D,
          MERCHANT_KNOWN_FRAUDS_1D,
          MERCHANT_KNOWN_FRAUDS_7D,
          MERCHANT_KNOWN_FRAUD_RUN_LENGTH,
          MERCHANT_KNOWN_FRAUDS_OF_DEFRAUDED_ACCOUNTS_7D,
          MERCHANT_KNOWN_FRAUDS_UNEXPLAINED_7D);

  /** Every feature name, in vector order. */
  public static final List<String> ALL;

  private static final Map<String, Integer> INDEX = new HashMap<>();
  private static final int VELOCITY_METRICS = 4;

  static {
    List<String> names = new ArrayList<>();
    for (KeyKind kind : KeyKind.values()) {
      for (Window window : Window.values()) {
        names.add(kind.prefix() + "_count_" + window.suffix());
        names.add(kind.prefix() + "_sum_" + window.suffix());
        names.add(kind.prefix() + "_distinct_" + kind.distinctA() + "_" + window.suffix());
        names.add(kind.prefix() + "_distinct_" + kind.distinctB() + "_" + window.suffix());
      }
    }
    names.addAll(
        List.of(
            AMOUNT,
            AMOUNT_ZSCORE,
            ACCOUNT_HISTORY_N,
            ACCOUNT_BENFORD_MAD,
            ACCOUNT_BENFORD_N,
            MERCHANT_BENFORD_MAD,
            MERCHANT_BENFORD_N,
            ACCOUNT_NEW,
            DEVICE_NEW_FOR_ACCOUNT,
            IP_NEW_FOR_ACCOUNT,
            LOCATION_NEW_FOR_ACCOUNT,
            ACCOUNT_LOCATION_CHANGES_1H,
            ACCOUNTS_SHARING_DEVICE,
            ACCOUNTS_SHARING_IP,
            DEVICE_MATE_IN_RING,
            COUNTERPARTY_IN_RING,
            RING_SCORE,
            ACCOUNT_EXPECTED_10M,
            ACCOUNT_VELOCITY_Z_1M,
            ACCOUNT_VELOCITY_Z_10M,
            CARD_EXPECTED_10M,
            CARD_VELOCITY_Z_1M,
            CARD_VELOCITY_Z_10M,
            ACCOUNT_COUNT_7D,
            ACCOUNT_COUNT_30D,
            ACCOUNT_MEAN_AMOUNT_1D,
            ACCOUNT_MEAN_AMOUNT_7D,
            ACCOUNT_MEAN_AMOUNT_30D,
            ACCOUNT_AMOUNT_RATIO_30D,
            MERCHANT_COUNT_1D,
            MERCHANT_COUNT_7D,
            MERCHANT_COUNT_30D));
    names.addAll(LABEL_FED);
    names.add(ACCOUNT_AMOUNT_ZSCORE_KEPT);
    names.add(ACCOUNT_HIGH_AMOUNTS_14D);
    names.add(ACCOUNT_AMOUNT_TO_MAX);
    ALL = Collections.unmodifiableList(names);
    for (int i = 0; i < names.size(); i++) {
      INDEX.put(names.get(i), i);
    }
  }

  private FeatureNames() {}

  /** Number of features in a vector. */
  public static int size() {
    return ALL.size();
  }

  /** The position of {@code name} in a vector, or -1 when there is no such feature. */
  public static int indexOf(String name) {
    Integer index = INDEX.get(name);
    return index == null ? -1 : index;
  }

  /** True when {@code name} is a feature. */
  public static boolean contains(String name) {
    return INDEX.containsKey(name);
  }

  /** The name of the count of events of {@code kind} in {@code window}, e.g. card_count_10m. */
  public static String count(KeyKind kind, Window window) {
    return ALL.get(velocityIndex(kind, window));
  }

  /** The name of the amount sum of {@code kind} in {@code window}, e.g. account_sum_1h. */
  public static String sum(KeyKind kind, Window window) {
    return ALL.get(velocityIndex(kind, window) + 1);
  }

  /** Index of the first velocity feature (the count) of {@code kind} and {@code window}. */
  static int velocityIndex(KeyKind kind, Window window) {
    return (kind.ordinal() * Window.values().length + window.ordinal()) * VELOCITY_METRICS;
  }
}
