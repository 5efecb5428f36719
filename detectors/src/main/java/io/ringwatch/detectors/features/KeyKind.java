package io.ringwatch.detectors.features;

import io.ringwatch.detectors.domain.Transaction;

/**
 * The identifiers velocity is tracked for, with the two identifiers whose distinct counts each one
 * keeps: an account or a card spreading over many merchants and devices, a device or an IP shared
 * by many accounts.
 */
public enum KeyKind {
  ACCOUNT("account", "merchants", "devices"),
  CARD("card", "merchants", "devices"),
  DEVICE("device", "accounts", "ips"),
  IP("ip", "accounts", "devices");

  private final String prefix;
  private final String distinctA;
  private final String distinctB;

  KeyKind(String prefix, String distinctA, String distinctB) {
    this.prefix = prefix;
    this.distinctA = distinctA;
    this.distinctB = distinctB;
  }

  public String prefix() {
    return prefix;
  }

  /** Name of the first distinct dimension, e.g. {@code merchants}. */
  public String distinctA() {
    return distinctA;
  }

  /** Name of the second distinct dimension, e.g. {@code devices}. */
  public String distinctB() {
    return distinctB;
  }

  /** The key of this kind in {@code t}, or null when the transaction has none. */
  Object key(Transaction t) {
    return switch (this) {
      case ACCOUNT -> t.account();
      case CARD -> t.card();
      case DEVICE -> t.device();
      case IP -> t.ip();
    };
  }

  /** The value of the first distinct dimension in {@code t}, or null. */
  Object valueA(Transaction t) {
    return switch (this) {
      case ACCOUNT, CARD -> t.merchant() != null ? t.merchant() : t.counterparty();
      case DEVICE, IP -> t.account();
    };
  }

  /** The value of the second distinct dimension in {@code t}, or null. */
  Object valueB(Transaction t) {
    return switch (this) {
      case ACCOUNT, CARD, IP -> t.device();
      case DEVICE -> t.ip();
    };
  }
}
