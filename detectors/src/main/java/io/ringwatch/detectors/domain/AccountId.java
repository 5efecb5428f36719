package io.ringwatch.detectors.domain;

/** An account (customer, card holder or bank account) that transacts. */
public record AccountId(String value) implements Comparable<AccountId> {
  public AccountId {
    value = Ids.require(value, "account id");
  }

  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
